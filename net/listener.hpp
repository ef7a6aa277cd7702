// Accepts connections and hands each to an http_session: admitted below the
// connection cap, answered 503 above it. Accept errors such as EMFILE back off
// and accept again; a server must never stop accepting after one error.
#pragma once

#include <cstdint>
#include <string>

#include <boost/system/error_code.hpp>

#include "net/asio_types.hpp"
#include "net/server_context.hpp"

namespace net {

// Opens, binds and listens on address:port; the error (e.g. in use) if any.
boost::system::error_code bind_and_listen(tcp_acceptor& acceptor,
                                          const std::string& address,
                                          std::uint16_t port);

class listener {
public:
  listener(asio::io_context& ioc, server_context& ctx);

  // Binds and listens; returns the error (e.g. address in use) if any.
  boost::system::error_code listen(const std::string& address,
                                   std::uint16_t port);

  // The bound port (useful when 0 was asked for).
  std::uint16_t port() const;

  void start();
  void stop();

private:
  void do_accept();
  void on_accept(boost::system::error_code ec, tcp_socket socket);

  tcp_acceptor acceptor_;
  steady_timer backoff_;
  server_context& ctx_;
};

} // namespace net
