// What net/ asks of whoever answers the control port (router/). net/ moves the
// bytes; the handler decides the answers and may answer from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace net {

struct control_request {
  std::string method;
  std::string target;
  std::string authorization; // the Authorization header, "" if absent
  std::string body;
  std::int64_t arrived_unix_ns = 0; // when it was read whole (system clock)
};

struct control_response {
  int status = 200;
  std::string body;          // JSON unless content_type says otherwise
  std::string extra_headers; // lines, each ending in "\r\n"
  std::string content_type = "application/json";
};

// Call exactly once, from any thread.
using control_reply = std::function<void(control_response)>;

class control_handler {
public:
  virtual ~control_handler() = default;
  virtual void handle(control_request request, control_reply reply) = 0;

  // Told on the io thread once per answer written, also those net/ gives
  // itself (malformed or oversized requests): the request's target ("" when
  // unread), the status and the time from the whole request to the written
  // answer. Must not throw.
  virtual void answered(std::string_view target, int status,
                        std::chrono::nanoseconds took) noexcept {
    (void) target, (void) status, (void) took;
  }
};

} // namespace net
