// What every process of a cluster sets before its actor system starts: CAF's
// middleman, the message types that cross the node port, and the heartbeat
// that notices a node gone silent (a network lost without a FIN).
#pragma once

#include "app/server_config.hpp"

namespace app {

enum class node_role { head, worker };

void enable_distribution(server_config& cfg, node_role role);

} // namespace app
