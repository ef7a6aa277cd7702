// The control port's reading of a request, apart from the socket: its
// limits, the answer to a request that cannot be read, and the handler's view
// of one that was read. control_server does the I/O around these;
// tests/fuzz drives them with arbitrary bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/control_handler.hpp"
#include "net/control_limits.hpp"

namespace net {

using control_parser
  = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Applies the control port's limits to a fresh parser.
void limit_control_request(control_parser& parser, const control_limits& limits);

// The answer to a read that failed with `ec`: 413 (body over the limit), 431
// (head over it), 400 (malformed); nothing when the connection just ends
// (the client left, a timeout, a socket error).
std::optional<control_response>
control_read_failure(const boost::beast::error_code& ec,
                     const control_limits& limits);

// What the handler is given of a request that was read (its body moved out).
control_request to_control_request(
  boost::beast::http::request<boost::beast::http::string_body>& msg);

// {"error": text}; `text` is ours, plain ASCII without quotes.
control_response control_error(int status, std::string_view text);

} // namespace net
