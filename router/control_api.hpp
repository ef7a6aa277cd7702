// The control port's answers: send to one id, broadcast, read the figures
// (/stats as JSON, /metrics for Prometheus) and the dashboard page that draws
// them. JSON in, JSON out; every error is {"error": "..."} with its status.
// It asks the service (one process's node agent, or a cluster's head)
// through its typed interface, from one actor (control_asker), and never
// blocks the io thread; sends and broadcasts go to `deliveries`.
#pragma once

#include <chrono>
#include <string>

#include <caf/actor_system.hpp>

#include "net/control_handler.hpp"
#include "router/control_limits.hpp"
#include "router/control_tally.hpp"
#include "router/figures.hpp"
#include "router/service_api.hpp"

namespace router {

class control_api : public net::control_handler {
public:
  // `clustered`: /stats also lists the nodes and counts refused joins and peers.
  control_api(caf::actor_system& system, service_api service,
              delivery_api deliveries, std::string token, bool clustered,
              control_limits limits = {});
  ~control_api() override;
  control_api(const control_api&) = delete;
  control_api& operator=(const control_api&) = delete;

  void handle(net::control_request request, net::control_reply reply) override;
  void answered(std::string_view target, int status,
                std::chrono::nanoseconds took) noexcept override;

private:
  struct route;
  static const route* find_route(std::string_view path);

  bool authorized(const std::string& authorization) const;
  void send(const net::control_request& req, net::control_reply reply);
  void broadcast(const net::control_request& req, net::control_reply reply);
  void stats(const net::control_request& req, net::control_reply reply);
  void metrics(const net::control_request& req, net::control_reply reply);
  void dashboard(const net::control_request& req, net::control_reply reply);

  // Asks the service for its figures, renders them with `render`.
  using renderer = net::control_response (*)(const service_view&);
  void figures_reply(renderer render, net::control_reply reply);

  service_api service_;
  delivery_api deliveries_;
  std::string token_;
  bool clustered_;
  control_limits limits_;
  std::chrono::steady_clock::time_point started_;
  control_tally tally_;
  caf::actor asker_; // asks the service for every request
};

} // namespace router
