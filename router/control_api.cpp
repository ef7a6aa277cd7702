#include "router/control_api.hpp"

#include <unistd.h>

#include <fstream>
#include <optional>

#include <caf/event_based_actor.hpp>
#include <nlohmann/json.hpp>

#include "net/request_target.hpp"

namespace router {

namespace {

using json = nlohmann::json;

net::control_response error(int status, std::string text,
                            std::string extra_headers = {}) {
  // A path echoed here may hold bytes that are not UTF-8: replace them.
  return {status,
          json{{"error", std::move(text)}}.dump(-1, ' ', false,
                                                json::error_handler_t::replace),
          std::move(extra_headers)};
}

net::control_response delivered(std::uint64_t n) {
  return {200, json{{"delivered", n}}.dump(), {}};
}

std::uint64_t rss_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

struct message_fields {
  std::string id;  // only for /send
  std::string msg;
};

// Reads {"id": ..., "msg": ...} (id only when `want_id`) from a request body;
// returns the first problem as a ready answer.
std::optional<net::control_response>
read_fields(const std::string& body, bool want_id, std::size_t max_msg_bytes,
            message_fields& out) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded())
    return error(400, "body is not valid JSON");
  if (!doc.is_object())
    return error(400, "body must be a JSON object");
  auto read = [&](const char* name, std::string& field) {
    auto i = doc.find(name);
    if (i == doc.end())
      return std::optional{error(400, std::string{"missing field '"} + name + "'")};
    if (!i->is_string())
      return std::optional{
        error(400, std::string{"field '"} + name + "' must be a string")};
    field = i->get<std::string>();
    return std::optional<net::control_response>{};
  };
  if (want_id) {
    if (auto bad = read("id", out.id))
      return bad;
    if (!net::is_valid_id(out.id))
      return error(400, "id must be 1-64 characters of [A-Za-z0-9._~-]");
  }
  if (auto bad = read("msg", out.msg))
    return bad;
  if (out.msg.size() > max_msg_bytes)
    return error(413, "msg over " + std::to_string(max_msg_bytes) + " bytes");
  return std::nullopt;
}

// Asks the router from a short-lived actor so the io thread never waits.
template <class OnResult, class... Ts>
void ask(caf::actor_system& system, const router_api& router,
         std::chrono::seconds timeout, net::control_reply reply,
         OnResult on_result, Ts... request) {
  system.spawn([=](caf::event_based_actor* self) {
    self->request(router, timeout, request...)
      .then(on_result, [self, reply](const caf::error& err) {
        reply(error(503, "router unavailable: "
                           + self->system().render(err)));
      });
  });
}

} // namespace

control_api::control_api(caf::actor_system& system, router_api router,
                         const net::counters& stats, std::string token,
                         control_limits limits)
  : system_(system),
    router_(std::move(router)),
    stats_(stats),
    token_(std::move(token)),
    limits_(limits),
    started_(std::chrono::steady_clock::now()) {
}

bool control_api::authorized(const std::string& authorization) const {
  if (token_.empty())
    return true;
  auto expected = "Bearer " + token_;
  if (authorization.size() != expected.size())
    return false;
  // Constant time: the comparison does not tell how much of a guess is right.
  unsigned char diff = 0;
  for (size_t i = 0; i < expected.size(); ++i)
    diff |= static_cast<unsigned char>(authorization[i] ^ expected[i]);
  return diff == 0;
}

void control_api::handle(net::control_request req, net::control_reply reply) {
  if (!authorized(req.authorization))
    return reply(error(401, "missing or wrong bearer token",
                       "WWW-Authenticate: Bearer\r\n"));
  auto path = req.target.substr(0, req.target.find('?'));
  auto expect = [&](const char* method) {
    if (req.method == method)
      return true;
    reply(error(405, "use " + std::string{method} + " for " + path,
                "Allow: " + std::string{method} + "\r\n"));
    return false;
  };
  if (path == "/send") {
    if (expect("POST"))
      send_to_id(req.body, std::move(reply));
  } else if (path == "/broadcast") {
    if (expect("POST"))
      broadcast(req.body, std::move(reply));
  } else if (path == "/stats") {
    if (expect("GET"))
      stats(std::move(reply));
  } else {
    reply(error(404, "unknown path " + path));
  }
}

void control_api::send_to_id(const std::string& body, net::control_reply reply) {
  message_fields f;
  if (auto bad = read_fields(body, true, limits_.max_message_bytes, f))
    return reply(*bad);
  ask(system_, router_, limits_.router_timeout, reply,
      [reply](std::uint64_t n) { reply(delivered(n)); }, send_atom::value,
      std::move(f.id), std::move(f.msg));
}

void control_api::broadcast(const std::string& body, net::control_reply reply) {
  message_fields f;
  if (auto bad = read_fields(body, false, limits_.max_message_bytes, f))
    return reply(*bad);
  ask(system_, router_, limits_.router_timeout, reply,
      [reply](std::uint64_t n) { reply(delivered(n)); },
      broadcast_atom::value, std::move(f.msg));
}

void control_api::stats(net::control_reply reply) {
  auto load = [](const std::atomic<std::uint64_t>& x) {
    return x.load(std::memory_order_relaxed);
  };
  json out{
    {"connections", load(stats_.connections)},
    {"streams", load(stats_.streams)},
    {"chunks_sent", load(stats_.chunks_sent)},
    {"rejected", load(stats_.rejected)},
    {"slow_closed", load(stats_.slow_closed)},
    {"bad_requests", load(stats_.bad_requests)},
    {"uptime_s", std::chrono::duration<double>(std::chrono::steady_clock::now()
                                               - started_)
                   .count()},
    {"rss_bytes", rss_bytes()},
  };
  ask(system_, router_, limits_.router_timeout, reply,
      [reply, out](std::uint64_t ids, std::uint64_t conns,
                   std::uint64_t routed) mutable {
        out["ids"] = ids;
        out["logged_in"] = conns;
        out["messages_routed"] = routed;
        reply({200, out.dump(), {}});
      },
      stats_atom::value);
}

} // namespace router
