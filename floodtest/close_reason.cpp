#include "close_reason.hpp"

#include <netdb.h>

#include <cerrno>
#include <system_error>

#include <boost/asio/error.hpp>

namespace floodtest {

close_reason close_reason_from(const boost::system::error_code& ec) {
  namespace error = boost::asio::error;
  if (ec == error::eof)
    return {close_kind::eof, 0};
  if (ec.category() != boost::system::system_category())
    return {close_kind::bad_response, ec.value()};
  switch (ec.value()) {
    case ECONNRESET:
    case ECONNABORTED:
    case EPIPE:
      return {close_kind::reset, 0};
    case ECONNREFUSED:
      return {close_kind::refused, 0};
    case ETIMEDOUT:
      return {close_kind::timeout, 0};
    case EHOSTUNREACH:
    case ENETUNREACH:
      return {close_kind::unreachable, 0};
    case EMFILE:
    case ENFILE:
      return {close_kind::no_files, 0};
    case EADDRNOTAVAIL:
    case EADDRINUSE:
      return {close_kind::no_ports, 0};
    default:
      return {close_kind::system, ec.value()};
  }
}

std::string to_string(close_reason reason) {
  switch (reason.kind) {
    case close_kind::end:
      return "end";
    case close_kind::eof:
      return "eof";
    case close_kind::reset:
      return "reset";
    case close_kind::refused:
      return "refused";
    case close_kind::timeout:
      return "timeout";
    case close_kind::unreachable:
      return "unreachable";
    case close_kind::http_status:
      return "http " + std::to_string(reason.code);
    case close_kind::bad_response:
      return "bad response";
    case close_kind::no_files:
      return "too many open files";
    case close_kind::no_ports:
      return "no free local port";
    case close_kind::resolve:
      return std::string{"resolve: "} + gai_strerror(reason.code);
    case close_kind::ws_close:
      return reason.code == 0 ? "websocket close"
                              : "websocket close " + std::to_string(reason.code);
    case close_kind::system:
      break;
  }
  return std::system_category().message(reason.code);
}

} // namespace floodtest
