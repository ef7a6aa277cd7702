#include "router/control_api.hpp"

#include <caf/event_based_actor.hpp>
#include <nlohmann/json.hpp>

#include "router/control_bodies.hpp"
#include "router/secret.hpp"

namespace router {

namespace {

using json = nlohmann::json;

net::control_response delivered(std::uint64_t n) {
  return {200, json{{"delivered", n}}.dump(), {}};
}

// Asks the service from a short-lived actor so the io thread never waits.
template <class OnResult, class... Ts>
void ask(caf::actor_system& system, const service_api& service,
         std::chrono::seconds timeout, net::control_reply reply,
         OnResult on_result, Ts... request) {
  system.spawn([=](caf::event_based_actor* self) {
    self->request(service, timeout, request...)
      .then(on_result, [self, reply](const caf::error& err) {
        reply(error_response(503, "service unavailable: "
                                    + self->system().render(err)));
      });
  });
}

// The service's figures summed over its processes; when clustered, each
// process too.
json stats_json(const service_stats& s, bool clustered) {
  node_stats total;
  for (auto& n : s.nodes) {
    total.connections += n.connections;
    total.streams += n.streams;
    total.ids += n.ids;
    total.logged_in += n.logged_in;
    total.ticking += n.ticking;
    total.chunks_sent += n.chunks_sent;
    total.messages_routed += n.messages_routed;
    total.rejected += n.rejected;
    total.slow_closed += n.slow_closed;
    total.bad_requests += n.bad_requests;
    total.rss_bytes += n.rss_bytes;
  }
  json out{
    {"connections", total.connections},
    {"streams", total.streams},
    {"ids", total.ids},
    {"logged_in", total.logged_in},
    {"ticking", total.ticking},
    {"chunks_sent", total.chunks_sent},
    {"messages_routed", total.messages_routed},
    {"rejected", total.rejected},
    {"slow_closed", total.slow_closed},
    {"bad_requests", total.bad_requests},
    {"rss_bytes", total.rss_bytes},
  };
  if (!clustered)
    return out;
  out["refused_joins"] = s.refused_joins;
  out["refused_peers"] = s.refused_peers;
  out["directory_ids"] = s.directory_ids;
  auto& nodes = out["nodes"] = json::array();
  for (auto& n : s.nodes)
    nodes.push_back({{"node", n.node},
                     {"pid", n.pid},
                     {"address", n.address},
                     {"connections", n.connections},
                     {"ids", n.ids},
                     {"chunks_sent", n.chunks_sent},
                     {"up_s", n.up_s},
                     {"restarts", n.restarts},
                     {"rss_bytes", n.rss_bytes}});
  return out;
}

} // namespace

control_api::control_api(caf::actor_system& system, service_api service,
                         std::string token, bool clustered,
                         control_limits limits)
  : system_(system),
    service_(std::move(service)),
    token_(std::move(token)),
    clustered_(clustered),
    limits_(limits),
    started_(std::chrono::steady_clock::now()) {
}

bool control_api::authorized(const std::string& authorization) const {
  if (token_.empty())
    return true;
  return same_secret(authorization, "Bearer " + token_);
}

void control_api::handle(net::control_request req, net::control_reply reply) {
  if (!authorized(req.authorization))
    return reply(error_response(401, "missing or wrong bearer token",
                       "WWW-Authenticate: Bearer\r\n"));
  auto path = req.target.substr(0, req.target.find('?'));
  auto expect = [&](const char* method) {
    if (req.method == method)
      return true;
    reply(error_response(405, "use " + std::string{method} + " for " + path,
                "Allow: " + std::string{method} + "\r\n"));
    return false;
  };
  if (path == "/send") {
    if (expect("POST"))
      send(req.body, std::move(reply));
  } else if (path == "/broadcast") {
    if (expect("POST"))
      broadcast(req.body, std::move(reply));
  } else if (path == "/stats") {
    if (expect("GET"))
      stats(std::move(reply));
  } else {
    reply(error_response(404, "unknown path " + path));
  }
}

void control_api::send(const std::string& body, net::control_reply reply) {
  auto read = read_send_body(body, limits_);
  if (auto* bad = std::get_if<net::control_response>(&read))
    return reply(std::move(*bad));
  ask(system_, service_, limits_.service_timeout, reply,
      [reply](std::uint64_t n) { reply(delivered(n)); }, send_atom::value,
      std::get<message_batch>(std::move(read)));
}

void control_api::broadcast(const std::string& body, net::control_reply reply) {
  auto read = read_broadcast_body(body, limits_);
  if (auto* bad = std::get_if<net::control_response>(&read))
    return reply(std::move(*bad));
  ask(system_, service_, limits_.service_timeout, reply,
      [reply](std::uint64_t n) { reply(delivered(n)); },
      broadcast_atom::value, std::get<std::string>(std::move(read)));
}

void control_api::stats(net::control_reply reply) {
  auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now()
                                              - started_)
                  .count();
  ask(system_, service_, limits_.service_timeout, reply,
      [reply, uptime, clustered = clustered_](const service_stats& s) {
        auto out = stats_json(s, clustered);
        out["uptime_s"] = uptime;
        reply({200, out.dump(), {}});
      },
      stats_atom::value);
}

} // namespace router
