#include "net/log.hpp"

#include <iostream>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>

namespace net {

bool is_normal_close(const boost::system::error_code& ec) {
  namespace error = boost::asio::error;
  return ec == error::eof || ec == error::operation_aborted
         || ec == error::connection_reset || ec == error::broken_pipe
         || ec == error::not_connected || ec == error::bad_descriptor
         || ec == boost::beast::http::error::end_of_stream
         // The peer left in the middle of its request: gone as surely as
         // between two, and logging it gave every client a log line.
         || ec == boost::beast::http::error::partial_message;
}

bool is_http_error(const boost::system::error_code& ec) {
  namespace http = boost::beast::http;
  return ec.category() == http::make_error_code(http::error::bad_method).category();
}

void fail(const boost::system::error_code& ec, std::string_view what) {
  if (is_normal_close(ec))
    return;
  std::cerr << "caf-comet: " << what << ": " << ec.message() << '\n';
}

} // namespace net
