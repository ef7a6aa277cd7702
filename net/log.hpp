// One place that reports network errors, quiet on the ones a normal close
// produces (the peer went away, we cancelled an operation).
#pragma once

#include <string_view>

#include <boost/system/error_code.hpp>

namespace net {

void fail(const boost::system::error_code& ec, std::string_view what);

// True for errors that only mean "the connection ended".
bool is_normal_close(const boost::system::error_code& ec);

// True for Beast's HTTP parse errors (the request was malformed).
bool is_http_error(const boost::system::error_code& ec);

} // namespace net
