#include "net/control_reading.hpp"

#include <string>

#include <boost/beast/http/error.hpp>

#include "net/log.hpp"

namespace net {

namespace http = boost::beast::http;

void limit_control_request(control_parser& parser,
                           const control_limits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
}

std::optional<control_response>
control_read_failure(const boost::beast::error_code& ec,
                     const control_limits& limits) {
  if (ec == http::error::body_limit)
    return control_error(413, "body over " + std::to_string(limits.max_body_bytes)
                                + " bytes");
  if (ec == http::error::header_limit)
    return control_error(431, "request headers too large");
  if (is_http_error(ec) && ec != http::error::end_of_stream
      && ec != http::error::partial_message)
    return control_error(400, "malformed HTTP request");
  return std::nullopt;
}

control_request to_control_request(
  http::request<http::string_body>& msg) {
  return {std::string{msg.method_string()}, std::string{msg.target()},
          std::string{msg[http::field::authorization]},
          std::move(msg.body())};
}

control_response control_error(int status, std::string_view text) {
  return {status, std::string{"{\"error\":\""} + std::string{text} + "\"}", {}};
}

} // namespace net
