// Reading the JSON bodies of /send and /broadcast. A body either reads into
// what the service is asked, or yields the answer to give instead (400 for
// malformed input, 413 for input over a limit), naming the first problem.
#pragma once

#include <string>
#include <variant>

#include "net/control_handler.hpp"
#include "router/control_limits.hpp"
#include "router/router_api.hpp"

namespace router {

// {"id": Id, "msg": Msg}, or a batch {"messages": [{"id": .., "msg": ..}, ..]}
// of 1 to max_batch_messages; a single message is a batch of one.
std::variant<message_batch, net::control_response>
read_send_body(const std::string& body, const control_limits& limits);

// {"msg": Msg}
std::variant<std::string, net::control_response>
read_broadcast_body(const std::string& body, const control_limits& limits);

// {"error": text} with its status; the text may hold any bytes.
net::control_response error_response(int status, std::string text,
                                     std::string extra_headers = {});

} // namespace router
