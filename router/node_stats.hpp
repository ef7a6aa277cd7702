// What each process of the service reports about itself, and the service's
// answer to GET /stats: one entry per process. These cross the node port, so
// they are registered with CAF (see register_cluster_types) and inspectable.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "net/counters.hpp"

namespace router {

struct node_stats {
  std::string node;    // "standalone", "head", "w1", ... or a remote's name
  std::string address; // where it serves streams (host:port), "" for the head
  std::int64_t pid = 0;
  double up_s = 0;
  std::uint32_t restarts = 0; // of this worker slot, counted by the head
  std::uint64_t connections = 0;
  std::uint64_t streams = 0;
  std::uint64_t ids = 0;
  std::uint64_t logged_in = 0;
  std::uint64_t ticking = 0; // the ticker's pending ticks
  std::uint64_t chunks_sent = 0;
  std::uint64_t messages_routed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t slow_closed = 0;
  std::uint64_t bad_requests = 0;
  std::uint64_t rss_bytes = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_stats& x) {
  return f(caf::meta::type_name("node_stats"), x.node, x.address, x.pid,
           x.up_s, x.restarts, x.connections, x.streams, x.ids, x.logged_in,
           x.ticking, x.chunks_sent, x.messages_routed, x.rejected,
           x.slow_closed, x.bad_requests, x.rss_bytes);
}

struct service_stats {
  std::vector<node_stats> nodes; // the head first when clustered
  std::uint64_t refused_joins = 0; // wrong cookies at the node port
  std::uint64_t refused_peers = 0; // openings at the node port not a node's
  std::uint64_t directory_ids = 0; // (id, node) entries the head routes by
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, service_stats& x) {
  return f(caf::meta::type_name("service_stats"), x.nodes, x.refused_joins,
           x.refused_peers, x.directory_ids);
}

// This process's resident set, from /proc/self/statm.
std::uint64_t process_rss_bytes();

// This process's own figures: net/'s counters and its age; the router's
// figures are filled in by whoever asked the router.
node_stats local_node_stats(std::string node, std::string address,
                            const net::counters& counters,
                            std::chrono::steady_clock::time_point started);

} // namespace router
