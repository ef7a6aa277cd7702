// The figures of a whole cluster, for /stats and /metrics: the head's own,
// then every worker's answer.
#pragma once

#include <vector>

#include "router/cluster_service.hpp"
#include "router/node_stats.hpp"

namespace router {

// The head first, then the workers in the order of their slots and names;
// the departed nodes' counters keep the totals from going down.
service_stats merge_stats(cluster_state& st,
                          std::vector<service_stats>& answers);

} // namespace router
