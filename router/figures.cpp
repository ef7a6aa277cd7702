#include "router/figures.hpp"

#include <array>

namespace router {

namespace {

using ns = node_stats;
constexpr auto total = service_total;
constexpr auto both = service_total | per_node;
constexpr auto cluster = service_total | clustered_only;

figure_value uptime(const service_view& v) {
  return v.uptime_s;
}

figure_value control_requests(const service_view& v) {
  return v.control.requests;
}

figure_value control_duration(const service_view& v) {
  return v.control.duration;
}

figure_value node_count(const service_view& v) {
  return std::uint64_t{v.stats.nodes.size()};
}

figure_value directory_ids(const service_view& v) {
  return v.stats.directory_ids;
}

figure_value refused_joins(const service_view& v) {
  return v.stats.refused_joins;
}

figure_value refused_peers(const service_view& v) {
  return v.stats.refused_peers;
}

// The list. /stats keys before "uptime_s" are those /stats always had.
const auto all = std::to_array<figure>({
  {"connections", "connections", "Open connections on the stream port.",
   figure_type::gauge, both, &ns::connections},
  {"streams", "streams", "Open streams of every transport.",
   figure_type::gauge, total, &ns::streams},
  {"ids", "ids", "Distinct ids logged in with the routers.",
   figure_type::gauge, both, &ns::ids},
  {"logged_in", "logged_in_connections",
   "Connections logged in with the routers.", figure_type::gauge, total,
   &ns::logged_in},
  {"ticking", "ticking_streams",
   "Streams the tickers hold a pending tick for (one per open stream).",
   figure_type::gauge, both, &ns::ticking},
  {"chunks_sent", "chunks_sent_total",
   "Chunks written whole to stream sockets.", figure_type::counter, both,
   &ns::chunks_sent},
  {"messages_routed", "messages_routed_total",
   "Routed messages handed to connections (a broadcast counts each).",
   figure_type::counter, both, &ns::messages_routed},
  {"rejected", "connections_rejected_total",
   "Connections answered 503 at the connection cap.", figure_type::counter,
   total, &ns::rejected},
  {"slow_closed", "slow_closed_total",
   "Streams closed because their client read too slowly.",
   figure_type::counter, total, &ns::slow_closed},
  {"bad_requests", "bad_requests_total",
   "Stream-port requests answered 400, 408, 413 or 431.",
   figure_type::counter, total, &ns::bad_requests},
  {"rss_bytes", "rss_bytes", "Resident memory of the processes.",
   figure_type::gauge, both, &ns::rss_bytes},
  {"heap_bytes", "heap_bytes",
   "Heap memory held by live allocations (rss_bytes also counts what the "
   "allocator keeps free for reuse).",
   figure_type::gauge, both, &ns::heap_bytes},
  {"uptime_s", "uptime_seconds", "Time since the control port started.",
   figure_type::gauge, total, &uptime},
  {"accepted", "connections_accepted_total",
   "Connections admitted on the stream port.", figure_type::counter, total,
   &ns::accepted},
  {"streams_started", "streams_started_total",
   "Streams started, of every transport.", figure_type::counter, total,
   &ns::streams_started},
  {"sse_streams", "sse_streams", "Open Server-Sent Events streams.",
   figure_type::gauge, total, &ns::sse_streams},
  {"ws_streams", "websocket_streams", "Open WebSocket streams.",
   figure_type::gauge, total, &ns::ws_streams},
  {"history_ids", "history_ids", "Ids with messages kept for resuming.",
   figure_type::gauge, total, &ns::history_ids},
  {"history_messages", "history_messages", "Messages kept for resuming.",
   figure_type::gauge, total, &ns::history_messages},
  {"history_bytes", "history_bytes",
   "Memory of the messages kept for resuming (bounded).", figure_type::gauge,
   total, &ns::history_bytes},
  {"open_files", "open_files", "Open file descriptors of the processes.",
   figure_type::gauge, both, &ns::open_files},
  {"tick_lateness", "tick_lateness_seconds",
   "How late the ticker sent each tick after its due time.",
   figure_type::histogram, both, &ns::tick_lateness},
  {"routed_latency", "routed_message_latency_seconds",
   "A routed message's control request arrival until its chunk is written.",
   figure_type::histogram, total, &ns::routed_latency},
  {"control_requests", "control_requests_total",
   "Control port answers by path and status.", figure_type::counter, total,
   &control_requests},
  {"control_request_duration", "control_request_duration_seconds",
   "Control port requests: read whole until answered.",
   figure_type::histogram, total, &control_duration},
  {"node_count", "nodes", "Processes of the cluster that answered.",
   figure_type::gauge, cluster, &node_count},
  {"directory_ids", "directory_ids",
   "The head's directory entries (id, node).", figure_type::gauge, cluster,
   &directory_ids},
  {"refused_joins", "refused_joins_total",
   "Workers refused at the node port for a wrong cookie.",
   figure_type::counter, cluster, &refused_joins},
  {"refused_peers", "refused_peers_total",
   "Connections to the node port that did not open with a node's handshake.",
   figure_type::counter, cluster, &refused_peers},
  {"up_s", "uptime_seconds", "Time since the node started.",
   figure_type::gauge, per_node, &ns::up_s},
  {"restarts", "restarts_total", "Restarts of the node's worker slot.",
   figure_type::counter, per_node, &ns::restarts},
});

template <class T>
figure_value sum_field(T node_stats::*field, const service_view& v,
                       bool with_departed) {
  T out{};
  for (auto& n : v.stats.nodes)
    out += n.*field;
  if (with_departed)
    out += v.stats.departed.*field;
  return out;
}

} // namespace

std::span<const figure> figures() {
  return all;
}

bool shown_for_service(const figure& f, bool clustered) {
  return (f.scope & service_total) != 0
         && (clustered || (f.scope & clustered_only) == 0);
}

figure_value service_value(const figure& f, const service_view& view) {
  bool monotonic = f.type != figure_type::gauge;
  return std::visit(
    [&](auto source) -> figure_value {
      if constexpr (std::is_same_v<decltype(source),
                                   figure_value (*)(const service_view&)>)
        return source(view);
      else
        return sum_field(source, view, monotonic);
    },
    f.source);
}

figure_value node_value(const figure& f, const node_stats& node) {
  return std::visit(
    [&](auto source) -> figure_value {
      if constexpr (std::is_same_v<decltype(source),
                                   figure_value (*)(const service_view&)>)
        return std::uint64_t{0}; // not a node's figure
      else
        return node.*source;
    },
    f.source);
}

void carry_counters(node_stats& into, const node_stats& from) {
  for (auto& f : all) {
    if (f.type == figure_type::gauge || (f.scope & service_total) == 0)
      continue;
    std::visit(
      [&](auto source) {
        if constexpr (!std::is_same_v<decltype(source),
                                      figure_value (*)(const service_view&)>)
          into.*source += from.*source;
      },
      f.source);
  }
}

} // namespace router
