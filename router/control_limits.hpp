// The control port's bounds on what a request may ask, named once. The body
// itself is bounded by the control server (net/control_server.hpp).
#pragma once

#include <chrono>
#include <cstddef>

namespace router {

struct control_limits {
  std::size_t max_message_bytes = 16 * 1024; // one msg above it: 413
  std::size_t max_batch_messages = 1000;     // a batch above it: 413
  std::chrono::seconds service_timeout{5};   // then 503
};

} // namespace router
