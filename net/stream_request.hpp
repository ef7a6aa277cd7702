// The stream port's reading of a request, apart from the socket: how a
// request is parsed (the server's limits), what a request that cannot be
// read is answered, and what a request that was read asks for. http_session
// does the I/O around these; tests/fuzz drives them with arbitrary bytes.
#pragma once

#include <cstddef>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/limits.hpp"
#include "net/request_target.hpp"

namespace net {

using request_parser
  = boost::beast::http::request_parser<boost::beast::http::string_body>;
using request_message
  = boost::beast::http::request<boost::beast::http::string_body>;

// A connection's read buffer: room for a head at the limit and for what a
// pipelining client sent behind it. A read that fills it is answered 431.
std::size_t request_buffer_bytes(const server_limits& limits);

// Applies the server's limits to a fresh parser: a head over
// max_header_bytes fails with header_limit, a body over it with body_limit.
void limit_request(request_parser& parser, const server_limits& limits);

// The status answered to a read that failed with `ec` before any timeout:
// 431 (head or buffer over the limit), 413 (body over it), 400 (malformed),
// or 0 when there is nothing to answer (the client left, or a socket error).
int read_failure_status(const boost::beast::error_code& ec);

// What a complete request asks for.
struct request_decision {
  route what;      // a stream with its Id and resume point (also from an
                   // SSE client's Last-Event-ID), a WebSocket upgrade (426
                   // without a handshake), or the status to answer
  bool head;       // HEAD: the same status and headers, no body
  bool keep_alive; // another request may follow on the connection
  bool chunked;    // HTTP/1.1 or later: chunks; HTTP/1.0: a raw body
};

request_decision decide_request(const request_message& msg);

} // namespace net
