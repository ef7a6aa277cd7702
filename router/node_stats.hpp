// What each process of the service reports about itself, and the service's
// answer to GET /stats and /metrics: one entry per process. These cross the
// node port, so they are registered with CAF (see register_cluster_types)
// and inspectable. What each figure means, and how /stats and /metrics show
// it, is said once, in router/figures.cpp.
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
  std::uint64_t restarts = 0; // of this worker slot, counted by the head
  std::uint64_t connections = 0;
  std::uint64_t streams = 0;
  std::uint64_t sse_streams = 0; // of the streams
  std::uint64_t ws_streams = 0;  // of the streams
  std::uint64_t ids = 0;
  std::uint64_t logged_in = 0;
  std::uint64_t ticking = 0; // the ticker's pending ticks
  std::uint64_t chunks_sent = 0;
  std::uint64_t messages_routed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t slow_closed = 0;
  std::uint64_t bad_requests = 0;
  std::uint64_t rss_bytes = 0;
  std::uint64_t heap_bytes = 0; // the allocator's blocks in use
  std::uint64_t accepted = 0;
  std::uint64_t streams_started = 0;
  std::uint64_t open_files = 0;
  std::uint64_t history_ids = 0;      // ids with messages kept for resuming
  std::uint64_t history_messages = 0;
  std::uint64_t history_bytes = 0;    // bounded by streams.history-max-bytes
  net::histogram_counts tick_lateness;
  net::histogram_counts routed_latency;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_stats& x) {
  return f(caf::meta::type_name("node_stats"), x.node, x.address, x.pid,
           x.up_s, x.restarts, x.connections, x.streams, x.sse_streams,
           x.ws_streams, x.ids, x.logged_in, x.ticking, x.chunks_sent,
           x.messages_routed, x.rejected, x.slow_closed, x.bad_requests,
           x.rss_bytes, x.heap_bytes, x.accepted, x.streams_started, x.open_files,
           x.history_ids, x.history_messages, x.history_bytes,
           x.tick_lateness, x.routed_latency);
}

struct service_stats {
  std::vector<node_stats> nodes; // the head first when clustered
  std::uint64_t refused_joins = 0; // wrong cookies at the node port
  std::uint64_t refused_peers = 0; // openings at the node port not a node's
  std::uint64_t directory_ids = 0; // (id, node) entries the head routes by
  // The counters and histograms of nodes that left, as last seen: added to
  // the service's totals so that those never go down when a worker dies
  // (Prometheus would read a drop as a reset).
  node_stats departed;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, service_stats& x) {
  return f(caf::meta::type_name("service_stats"), x.nodes, x.refused_joins,
           x.refused_peers, x.directory_ids, x.departed);
}

// This process's resident set, from /proc/self/statm.
std::uint64_t process_rss_bytes();

// What this process's live allocations hold (malloc's in-use bytes): unlike
// the resident set, it goes back down when memory is freed, so it tells a
// leak from what the allocator keeps for reuse.
std::uint64_t process_heap_bytes();

// This process's open file descriptors, from /proc/self/fd.
std::uint64_t process_open_files();

// This process's own figures: net/'s counters and its age; the router's
// figures are filled in by whoever asked the router.
node_stats local_node_stats(std::string node, std::string address,
                            const net::counters& counters,
                            std::chrono::steady_clock::time_point started);

} // namespace router
