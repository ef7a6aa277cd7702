#include "router/control_api.hpp"

#include <array>

#include <caf/event_based_actor.hpp>
#include <nlohmann/json.hpp>

#include "router/control_asker.hpp"
#include "router/control_bodies.hpp"
#include "router/dashboard_page.hpp"
#include "router/metrics_text.hpp"
#include "router/secret.hpp"
#include "router/stats_json.hpp"

namespace router {

namespace {

using json = nlohmann::json;

net::control_response delivered(std::uint64_t n) {
  return {200, json{{"delivered", n}}.dump(), {}};
}

// Asks the service through the asker so the io thread never waits (the
// asker answers 503 after the service timeout). `on_answer(reply)` makes the
// handler of the service's answer.
template <class Service, class OnAnswer, class... Ts>
void ask(const caf::actor& asker, const Service& service,
         net::control_reply reply, OnAnswer on_answer, Ts... request) {
  caf::anon_send(
    asker,
    ask_job{[service, on_answer, ... request = std::move(request)](
              caf::event_based_actor* self, net::control_reply once) mutable {
      self->request(service, caf::infinite, std::move(request)...)
        .then(on_answer(once), [self, once](const caf::error& err) {
          once(error_response(503, "service unavailable: "
                                     + self->system().render(err)));
        });
    }},
    std::move(reply));
}

// The handler of a /send or /broadcast answer.
auto deliveries(net::control_reply reply) {
  return [reply](std::uint64_t n) { reply(delivered(n)); };
}

std::string path_of(std::string_view target) {
  return std::string{target.substr(0, target.find('?'))};
}

} // namespace

struct control_api::route {
  std::string_view path;
  const char* method;
  bool public_get; // served without the token: holds no figure and no secret
  void (control_api::*serve)(const net::control_request&, net::control_reply);
};

const control_api::route* control_api::find_route(std::string_view path) {
  static const std::array<route, 5> routes{{
    {"/send", "POST", false, &control_api::send},
    {"/broadcast", "POST", false, &control_api::broadcast},
    {"/stats", "GET", false, &control_api::stats},
    {"/metrics", "GET", false, &control_api::metrics},
    {"/", "GET", true, &control_api::dashboard},
  }};
  for (auto& r : routes)
    if (r.path == path)
      return &r;
  return nullptr;
}

control_api::control_api(caf::actor_system& system, service_api service,
                         delivery_api deliveries, std::string token,
                         bool clustered, control_limits limits)
  : service_(std::move(service)),
    deliveries_(std::move(deliveries)),
    token_(std::move(token)),
    clustered_(clustered),
    limits_(limits),
    started_(std::chrono::steady_clock::now()),
    asker_(spawn_control_asker(system, limits_.service_timeout)) {
}

control_api::~control_api() {
  caf::anon_send_exit(asker_, caf::exit_reason::user_shutdown);
}

bool control_api::authorized(const std::string& authorization) const {
  if (token_.empty())
    return true;
  return same_secret(authorization, "Bearer " + token_);
}

void control_api::handle(net::control_request req, net::control_reply reply) {
  auto path = path_of(req.target);
  auto* r = find_route(path);
  bool public_get = r && r->public_get && req.method == "GET";
  if (!public_get && !authorized(req.authorization))
    return reply(error_response(401, "missing or wrong bearer token",
                                "WWW-Authenticate: Bearer\r\n"));
  if (!r)
    return reply(error_response(404, "unknown path " + path));
  if (req.method != r->method)
    return reply(error_response(405, "use " + std::string{r->method} + " for "
                                       + path,
                                "Allow: " + std::string{r->method} + "\r\n"));
  (this->*(r->serve))(req, std::move(reply));
}

void control_api::answered(std::string_view target, int status,
                           std::chrono::nanoseconds took) noexcept {
  try {
    auto path = path_of(target);
    tally_.record(find_route(path) ? path : "other", status, took);
  } catch (...) { // out of memory: one request goes uncounted
  }
}

void control_api::send(const net::control_request& req,
                       net::control_reply reply) {
  auto read = read_send_body(req.body, limits_);
  if (auto* bad = std::get_if<net::control_response>(&read))
    return reply(std::move(*bad));
  auto batch = std::get<message_batch>(std::move(read));
  batch.arrived_unix_ns = req.arrived_unix_ns;
  ask(asker_, deliveries_, std::move(reply), deliveries, send_atom::value,
      std::move(batch));
}

void control_api::broadcast(const net::control_request& req,
                            net::control_reply reply) {
  auto read = read_broadcast_body(req.body, limits_);
  if (auto* bad = std::get_if<net::control_response>(&read))
    return reply(std::move(*bad));
  ask(asker_, deliveries_, std::move(reply), deliveries, broadcast_atom::value,
      std::get<std::string>(std::move(read)), req.arrived_unix_ns);
}

void control_api::stats(const net::control_request&, net::control_reply reply) {
  figures_reply(
    [](const service_view& view) -> net::control_response {
      return {200, stats_json(view).dump(), {}};
    },
    std::move(reply));
}

void control_api::metrics(const net::control_request&,
                          net::control_reply reply) {
  figures_reply(
    [](const service_view& view) -> net::control_response {
      return {200, metrics_text(view), {}, std::string{metrics_content_type}};
    },
    std::move(reply));
}

void control_api::dashboard(const net::control_request&,
                            net::control_reply reply) {
  reply({200, std::string{dashboard_page()}, "Cache-Control: no-cache\r\n",
         "text/html; charset=utf-8"});
}

void control_api::figures_reply(renderer render, net::control_reply reply) {
  auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now()
                                              - started_)
                  .count();
  ask(
    asker_, service_, std::move(reply),
    [uptime, render, clustered = clustered_,
     control = tally_.snapshot()](net::control_reply reply) {
      return [=](const service_stats& s) {
        reply(render(service_view{s, control, uptime, clustered}));
      };
    },
    stats_atom::value);
}

} // namespace router
