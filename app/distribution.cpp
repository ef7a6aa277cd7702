#include "app/distribution.hpp"

#include <string>
#include <vector>

#include <caf/io/middleman.hpp>

#include "router/cluster_api.hpp"

namespace app {

namespace {

// A silent node is dropped after node_timeout; heartbeats every
// node_heartbeat keep a live but idle one from looking silent. With a
// hundred busy processes on two cores (a million streams here), 3 s
// dropped live workers during ramps, and on a slower day so did 5 s.
constexpr auto node_heartbeat = std::chrono::milliseconds(500);
constexpr auto node_timeout = std::chrono::seconds(10);

} // namespace

void enable_distribution(server_config& cfg) {
  cfg.load<caf::io::middleman>();
  router::register_cluster_types(cfg);
  // Only caf-comet nodes connect to each other (not a secret: the cookie is).
  cfg.set("middleman.app-identifiers", std::vector<std::string>{"caf-comet"});
  cfg.set("middleman.heartbeat-interval", caf::timespan{node_heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{node_timeout});
}

} // namespace app
