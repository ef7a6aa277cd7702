// What the control port asks of the service, whatever its shape: a single
// process (node_agent) or a cluster's head (cluster_service), which asks the
// node_agent of every worker in turn.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "router/node_stats.hpp"
#include "router/router_api.hpp"

namespace router {

// What /send and /broadcast ask: in a single process the router itself (no
// hop through the node agent), in a cluster's head its service.
using delivery_api = caf::typed_actor<
  // send(Batch) -> connections reached, over every node; a single /send is
  // a batch of one.
  caf::replies_to<send_atom, message_batch>::with<std::uint64_t>,
  // broadcast(Msg, arrived_unix_ns) -> connections reached, over every node.
  caf::replies_to<broadcast_atom, std::string, std::int64_t>::with<std::uint64_t>>;

using service_api = delivery_api::extend<
  // -> every process's figures.
  caf::replies_to<stats_atom>::with<service_stats>>;

// One process's side of the service (node_agent): what the control port
// asks, and the head's sends to a worker, which carry the shares of several
// control requests at once when they waited for the node together.
using node_api = service_api::extend<
  // send(Batches) -> connections reached by each batch, in order.
  caf::replies_to<send_atom, std::vector<message_batch>>::with<
    std::vector<std::uint64_t>>>;

} // namespace router
