#include "router/node_stats.hpp"

#include <dirent.h>
#include <malloc.h>
#include <unistd.h>

#include <fstream>

namespace router {

std::uint64_t process_rss_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::uint64_t process_heap_bytes() {
  auto info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

std::uint64_t process_open_files() {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir)
    return 0;
  std::uint64_t n = 0;
  while (auto* entry = readdir(dir))
    if (entry->d_name[0] != '.')
      ++n;
  closedir(dir);
  return n > 0 ? n - 1 : 0; // the directory's own descriptor
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
  out.sse_streams = load(counters.sse_streams);
  out.ws_streams = load(counters.ws_streams);
  out.chunks_sent = load(counters.chunks_sent);
  out.rejected = load(counters.rejected);
  out.slow_closed = load(counters.slow_closed);
  out.bad_requests = load(counters.bad_requests);
  out.accepted = load(counters.accepted);
  out.streams_started = load(counters.streams_started);
  out.rss_bytes = process_rss_bytes();
  out.heap_bytes = process_heap_bytes();
  out.open_files = process_open_files();
  out.tick_lateness = counters.tick_lateness.snapshot();
  out.routed_latency = counters.routed_latency.snapshot();
  return out;
}

} // namespace router
