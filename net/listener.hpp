// Accepts connections on one address and hands each socket on. Accept errors
// such as EMFILE back off and accept again: a server must never stop
// accepting after one error. Used by the streaming server and the control
// port alike.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <boost/system/error_code.hpp>

#include "net/asio_types.hpp"

namespace net {

class listener {
public:
  using socket_handler = std::function<void(tcp_socket)>;
  // Where the next accepted socket will live (its io_context).
  using context_picker = std::function<asio::io_context&()>;

  // `what` names the port in error messages ("streams", "control"). Sockets
  // live on `ioc` too unless `pick` chooses another context for each.
  listener(asio::io_context& ioc, std::string what, socket_handler on_socket,
           context_picker pick = {});

  // Binds and listens; returns the error (e.g. address in use) if any.
  // `share_port`: SO_REUSEPORT, so that several processes listen on one port
  // and the kernel spreads the connections over them.
  boost::system::error_code listen(const std::string& address,
                                   std::uint16_t port, bool share_port = false);

  // The bound port (useful when 0 was asked for).
  std::uint16_t port() const;

  void start();
  void stop();

private:
  void do_accept();
  void on_accept(boost::system::error_code ec, tcp_socket socket);

  tcp_acceptor acceptor_;
  steady_timer backoff_;
  std::string what_;
  socket_handler on_socket_;
  context_picker pick_;
};

} // namespace net
