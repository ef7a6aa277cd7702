// Why a stream ended, in 8 bytes, so that tens of thousands of them travel to
// the receiver cheaply and print as one readable word ("eof", "http 503").
#pragma once

#include <cstdint>
#include <string>

#include <boost/system/error_code.hpp>

namespace floodtest {

enum class close_kind : std::uint8_t {
  end,          // the server ended the response properly
  eof,          // the server closed the connection mid-response
  reset,        // the connection was reset
  refused,      // nothing listens there
  timeout,      // no connection or no response head in time
  unreachable,  // no route to the host
  http_status,  // the response was not 200; code is the status
  bad_response, // not HTTP as we understand it
  no_files,     // out of file descriptors
  no_ports,     // out of local ports for this source address
  resolve,      // the host name did not resolve; code is the EAI_* value
  ws_close,     // the server closed the WebSocket; code is its status code
  system,       // anything else; code is the errno value
};

struct close_reason {
  close_kind kind = close_kind::system;
  std::int32_t code = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, close_reason& x) {
  return f(x.kind, x.code);
}

// The reason for a socket error, as Asio reports it.
close_reason close_reason_from(const boost::system::error_code& ec);

// "eof", "reset", "http 503", "websocket close 1001",
// "resolve: Name or service not known", ...
std::string to_string(close_reason reason);

} // namespace floodtest
