// What net/ asks of whoever answers the control port (router/). net/ moves the
// bytes; the handler decides the answers and may answer from any thread.
#pragma once

#include <functional>
#include <string>

namespace net {

struct control_request {
  std::string method;
  std::string target;
  std::string authorization; // the Authorization header, "" if absent
  std::string body;
};

struct control_response {
  int status = 200;
  std::string body;          // JSON
  std::string extra_headers; // lines, each ending in "\r\n"
};

// Call exactly once, from any thread.
using control_reply = std::function<void(control_response)>;

class control_handler {
public:
  virtual ~control_handler() = default;
  virtual void handle(control_request request, control_reply reply) = 0;
};

} // namespace net
