#include "app/debug_control.hpp"

#include <caf/send.hpp>
#include <nlohmann/json.hpp>

#include "router/secret.hpp"

namespace app {

namespace {

constexpr std::string_view kill_path = "/debug/kill?actor=";

net::control_response json_response(int status, const char* key,
                                    const std::string& value) {
  return {status, nlohmann::json{{key, value}}.dump(), {}};
}

} // namespace

debug_control::debug_control(net::control_handler& next, std::string token,
                             std::map<std::string, caf::actor> killable)
  : next_(next), token_(std::move(token)), killable_(std::move(killable)) {
}

void debug_control::handle(net::control_request req, net::control_reply reply) {
  bool authorized = token_.empty()
                    || router::same_secret(req.authorization, "Bearer " + token_);
  if (!authorized || req.method != "POST" || req.target.rfind(kill_path, 0) != 0)
    return next_.handle(std::move(req), std::move(reply));
  auto name = req.target.substr(kill_path.size());
  auto i = killable_.find(name);
  if (i == killable_.end())
    return reply(json_response(404, "error", "no actor named '" + name + "'"));
  caf::anon_send_exit(i->second, caf::exit_reason::kill);
  reply(json_response(202, "killed", name));
}

} // namespace app
