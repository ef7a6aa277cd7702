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

void enable_distribution(server_config& cfg, node_role role) {
  cfg.load<caf::io::middleman>();
  router::register_cluster_types(cfg);
  // Only caf-comet nodes connect to each other (not a secret: the cookie is).
  cfg.set("middleman.app-identifiers", std::vector<std::string>{"caf-comet"});
  cfg.set("middleman.heartbeat-interval", caf::timespan{node_heartbeat});
  // A node's message is read in the middleman's thread, not handed to a
  // thread of its own: a million streams' processes on two cores wait
  // milliseconds for each wake-up, and the messages here are small.
  cfg.set("middleman.workers", caf::config_value::integer{0});
  // Only the head drops silent nodes. CAF 0.17.6 never stamps a connect
  // that still waits for its server's handshake as seen, so a heartbeat
  // tick during that wait closes it at once: with 56 workers starting on
  // two cores, a fifth of them lost their first connect so (and once,
  // after such a start, two workers never got the head's answer to their
  // joins, which the head had taken). A worker learns that the head is
  // gone when its connection closes: at once when the head dies, or when
  // a head that was silent for longer than node_timeout comes back and
  // drops it.
  auto timeout = role == node_role::head ? caf::timespan{node_timeout}
                                         : caf::timespan{0};
  cfg.set("middleman.connection-timeout", timeout);
}

} // namespace app
