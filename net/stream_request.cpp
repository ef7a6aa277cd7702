#include "net/stream_request.hpp"

#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "net/log.hpp"

namespace net {

namespace http = boost::beast::http;

std::size_t request_buffer_bytes(const server_limits& limits) {
  return limits.max_header_bytes * 2;
}

void limit_request(request_parser& parser, const server_limits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_header_bytes);
}

int read_failure_status(const boost::beast::error_code& ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
    return 431;
  if (ec == http::error::body_limit)
    return 413;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message
      || !is_http_error(ec))
    return 0;
  return 400;
}

request_decision decide_request(const request_message& msg) {
  request_decision d{route_request(msg.method_string(), msg.target()),
                     msg.method() == http::verb::head, msg.keep_alive(),
                     msg.version() >= 11};
  auto& r = d.what;
  // EventSource sends the last id it saw in a header when it reconnects.
  if (r.kind == route::stream && r.format == stream_format::sse
      && !r.resume_after) {
    auto last = msg.find("Last-Event-ID");
    if (last != msg.end())
      r.resume_after = parse_seq(last->value());
  }
  if (r.kind == route::websocket
      && (d.head || !boost::beast::websocket::is_upgrade(msg)))
    r = {route::respond, 426, {}, {}, {}, "a WebSocket handshake is needed here"};
  return d;
}

} // namespace net
