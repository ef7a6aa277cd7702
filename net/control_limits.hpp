// The control port's bounds on a request's bytes, named once: the server
// enforces them and clients (msggen) size their requests by them.
#pragma once

#include <chrono>
#include <cstddef>

namespace net {

struct control_limits {
  std::size_t max_body_bytes = 64 * 1024;   // above it: 413
  std::size_t max_header_bytes = 8 * 1024;  // above it: 431
  std::chrono::seconds idle_timeout{30};    // keep-alive connections
};

} // namespace net
