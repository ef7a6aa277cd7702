#include "router/cluster_api.hpp"

#include <vector>

#include "router/node_stats.hpp"
#include "router/router_api.hpp"

namespace router {

void register_cluster_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<node_info>("node_info");
  cfg.add_message_type<net::histogram_counts>("histogram_counts");
  cfg.add_message_type<node_stats>("node_stats");
  cfg.add_message_type<std::vector<node_stats>>("std::vector<node_stats>");
  cfg.add_message_type<service_stats>("service_stats");
  cfg.add_message_type<message_batch>("message_batch");
  cfg.add_message_type<std::vector<message_batch>>(
    "std::vector<message_batch>");
  cfg.add_message_type<std::vector<std::uint64_t>>("std::vector<uint64_t>");
}

} // namespace router
