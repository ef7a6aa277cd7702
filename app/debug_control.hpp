// A control port that also answers POST /debug/kill?actor=ticker|router, as
// Redis's DEBUG command does: it ends that actor the way a fault would (exit
// reason `kill`), so that tests can prove the server's answer to losing it.
// Built into the control port only with control.debug=true; everything else
// goes to the wrapped handler unchanged, and so does a request without the
// bearer token, which the wrapped handler refuses.
#pragma once

#include <map>
#include <string>

#include <caf/actor.hpp>

#include "net/control_handler.hpp"

namespace app {

class debug_control : public net::control_handler {
public:
  debug_control(net::control_handler& next, std::string token,
                std::map<std::string, caf::actor> killable);

  void handle(net::control_request request, net::control_reply reply) override;

private:
  net::control_handler& next_;
  std::string token_;
  std::map<std::string, caf::actor> killable_;
};

} // namespace app
