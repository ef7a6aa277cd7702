#include "router/node_stats.hpp"

#include <unistd.h>

#include <fstream>

namespace router {

std::uint64_t process_rss_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

node_stats local_node_stats(std::string node, std::string address,
                            const net::counters& counters,
                            std::chrono::steady_clock::time_point started) {
  auto load = [](const std::atomic<std::uint64_t>& x) {
    return x.load(std::memory_order_relaxed);
  };
  node_stats out;
  out.node = std::move(node);
  out.address = std::move(address);
  out.pid = getpid();
  out.up_s = std::chrono::duration<double>(std::chrono::steady_clock::now()
                                           - started)
               .count();
  out.connections = load(counters.connections);
  out.streams = load(counters.streams);
  out.chunks_sent = load(counters.chunks_sent);
  out.rejected = load(counters.rejected);
  out.slow_closed = load(counters.slow_closed);
  out.bad_requests = load(counters.bad_requests);
  out.rss_bytes = process_rss_bytes();
  return out;
}

} // namespace router
