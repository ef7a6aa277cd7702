// The parts of an http_session that live only for a while, shared by the
// files that implement it (reading requests, streaming, the write queue).
// Not for other users of net/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http_session.hpp"
#include "net/stream_request.hpp"

namespace net {

// Alive while requests are read; a stream drops it with its ~0.5 KB buffer.
struct http_session::request_state {
  request_state(const executor& ex, std::size_t max_bytes)
    : buffer(max_bytes), timer(ex) {
  }
  boost::beast::flat_buffer buffer;
  std::optional<request_parser> parser;
  steady_timer timer;        // request-timeout, then the linger time
  bool read_pending = false; // the timer may only cancel a pending read
  bool timed_out = false;    // the pending read was cancelled by the timer
  bool served_one = false;   // a response was sent: we wait on a keep-alive
};

// Alive while bytes are unsent; freed when the socket has taken them all.
struct http_session::out_queue {
  std::string writing;              // the one write in flight
  std::string waiting;              // queued behind it
  std::uint32_t writing_chunks = 0; // counted as sent when written
  std::uint32_t waiting_chunks = 0;
};

} // namespace net
