// The control port's answers: send to one id, broadcast, read stats. JSON in,
// JSON out; every error is {"error": "..."} with its status. It asks the router
// through its typed interface and never blocks the io thread.
#pragma once

#include <chrono>
#include <string>

#include <caf/actor_system.hpp>

#include "net/control_handler.hpp"
#include "net/counters.hpp"
#include "router/router_api.hpp"

namespace router {

struct control_limits {
  std::size_t max_message_bytes = 16 * 1024; // above it: 413
  std::chrono::seconds router_timeout{5};    // then 503
};

class control_api : public net::control_handler {
public:
  control_api(caf::actor_system& system, router_api router,
              const net::counters& stats, std::string token,
              control_limits limits = {});

  void handle(net::control_request request, net::control_reply reply) override;

private:
  bool authorized(const std::string& authorization) const;
  void send_to_id(const std::string& body, net::control_reply reply);
  void broadcast(const std::string& body, net::control_reply reply);
  void stats(net::control_reply reply);

  caf::actor_system& system_;
  router_api router_;
  const net::counters& stats_;
  std::string token_;
  control_limits limits_;
  std::chrono::steady_clock::time_point started_;
};

} // namespace router
