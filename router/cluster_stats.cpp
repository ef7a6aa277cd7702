#include "router/cluster_stats.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <tuple>

namespace router {

namespace {

node_stats head_stats(const cluster_state& st) {
  node_stats out;
  out.node = "head";
  out.address = st.node_address;
  out.pid = getpid();
  out.up_s = std::chrono::duration<double>(std::chrono::steady_clock::now()
                                           - st.started)
               .count();
  out.rss_bytes = process_rss_bytes();
  out.heap_bytes = process_heap_bytes();
  out.open_files = process_open_files();
  out.history_ids = st.history.ids();
  out.history_messages = st.history.messages();
  out.history_bytes = st.history.bytes();
  return out;
}

} // namespace

service_stats merge_stats(cluster_state& st, std::vector<service_stats>& answers) {
  service_stats out;
  out.refused_joins = st.refused_joins;
  out.refused_peers = st.refused_peers;
  out.directory_ids = st.directory.size();
  out.nodes.push_back(head_stats(st));
  out.departed = st.departed.totals();
  std::vector<std::pair<std::uint32_t, node_stats>> workers;
  for (auto& answer : answers)
    for (auto& n : answer.nodes) {
      std::uint32_t slot = 0;
      for (auto& [number, node] : st.nodes)
        if (node.info.pid == n.pid && node.info.name == n.node) {
          slot = node.info.slot;
          st.departed.seen(number, n);
        }
      if (auto r = st.restarts.find(slot); slot != 0 && r != st.restarts.end())
        n.restarts = r->second;
      workers.emplace_back(slot, std::move(n));
    }
  std::sort(workers.begin(), workers.end(), [](auto& a, auto& b) {
    return std::tie(a.first, a.second.node) < std::tie(b.first, b.second.node);
  });
  for (auto& w : workers)
    out.nodes.push_back(std::move(w.second));
  return out;
}

} // namespace router
