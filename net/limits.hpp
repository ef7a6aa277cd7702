// The named limits of config/server.ini's [server] section that net/ enforces.
#pragma once

#include <chrono>
#include <cstddef>

namespace net {

struct server_limits {
  std::size_t max_connections = 1000000;             // above it: 503
  std::chrono::milliseconds request_timeout{10000};  // headers after it: 408
  std::size_t max_header_bytes = 8192;               // above it: 431
  std::size_t send_queue_limit = 65536;              // unsent bytes: close
  std::chrono::milliseconds sse_heartbeat{15000};    // quiet SSE: a comment
  std::chrono::milliseconds ws_ping{30000};          // idle WebSocket: a ping
  std::size_t ws_max_message = 4096;                 // from a client: 1009
};

} // namespace net
