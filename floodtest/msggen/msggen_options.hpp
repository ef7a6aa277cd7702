// msggen's command line, in CAF's --key=value form:
//   msggen --rate=1000 --ids=1-10000 --control=http://127.0.0.1:8001
//          --duration=60s [--connections=4] [--batch=1] [--token=...]
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <caf/actor_system_config.hpp>
#include <caf/timestamp.hpp>

#include "net/control_limits.hpp"
#include "router/control_limits.hpp"
#include "url.hpp"

namespace floodtest {

// The control port's limits on one POST /send, as the server names them:
// messages in a batch, and the bytes of one message and of the whole body.
constexpr std::size_t max_batch_messages
  = router::control_limits{}.max_batch_messages;
constexpr std::size_t max_msg_bytes = router::control_limits{}.max_message_bytes;
constexpr std::size_t max_body_bytes = net::control_limits{}.max_body_bytes;

class msggen_config : public caf::actor_system_config {
public:
  msggen_config();

  std::string help_text() const;

  double rate = 1000;
  std::string ids = "1-10000";
  std::string control = "http://127.0.0.1:8001";
  caf::timespan duration = std::chrono::seconds{60};
  std::size_t connections = 4;
  std::size_t batch = 1;
  std::string token;
  std::size_t msg_bytes = 0;
  caf::timespan timeout = std::chrono::seconds{5};
  bool version = false;
};

// What a run needs, checked and in plain types.
struct msggen_options {
  double rate = 0;                    // messages per second, over all connections
  std::uint64_t first_id = 0;         // ids are drawn uniformly from
  std::uint64_t last_id = 0;          // [first_id, last_id]
  http_url control;                   // host, port and path prefix of the port
  std::chrono::nanoseconds duration{0}; // 0: until SIGINT or SIGTERM
  std::size_t connections = 0;
  std::size_t batch = 1;              // messages per POST /send, at most
  std::string token;                  // empty: no Authorization header
  std::size_t msg_bytes = 0;          // messages are padded up to this length
  std::chrono::nanoseconds timeout{0}; // for connecting and each answer
};

struct msggen_command_line {
  bool run = false;  // false: nothing more to do, exit with exit_code
  int exit_code = 0; // 0 done (help, version), 2 usage error
  msggen_options options;
};

// Parses argv; prints help, the version or a usage error itself.
msggen_command_line parse_msggen_command_line(msggen_config& cfg, int argc,
                                              char** argv);

} // namespace floodtest
