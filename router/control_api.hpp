// The control port's answers: send to one id, broadcast, read stats. JSON in,
// JSON out; every error is {"error": "..."} with its status. It asks the
// service (one process's node agent, or a cluster's head) through its typed
// interface and never blocks the io thread.
#pragma once

#include <string>

#include <caf/actor_system.hpp>

#include "net/control_handler.hpp"
#include "router/control_limits.hpp"
#include "router/service_api.hpp"

namespace router {

class control_api : public net::control_handler {
public:
  // `clustered`: /stats also lists the nodes and counts refused joins and peers.
  control_api(caf::actor_system& system, service_api service,
              std::string token, bool clustered, control_limits limits = {});

  void handle(net::control_request request, net::control_reply reply) override;

private:
  bool authorized(const std::string& authorization) const;
  void send(const std::string& body, net::control_reply reply);
  void broadcast(const std::string& body, net::control_reply reply);
  void stats(net::control_reply reply);

  caf::actor_system& system_;
  service_api service_;
  std::string token_;
  bool clustered_;
  control_limits limits_;
  std::chrono::steady_clock::time_point started_;
};

} // namespace router
