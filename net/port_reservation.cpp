#include "net/port_reservation.hpp"

namespace net {

port_reservation::port_reservation(asio::io_context& ioc)
  : socket_(ioc.get_executor()) {
}

boost::system::error_code bind_acceptor(tcp_acceptor& acceptor,
                                        const std::string& address,
                                        std::uint16_t port, bool share_port) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec)
    return ec;
  tcp::endpoint endpoint{addr, port};
  acceptor.open(endpoint.protocol(), ec);
  if (!ec)
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec && share_port)
    acceptor.set_option(reuse_port(true), ec);
  if (!ec)
    acceptor.bind(endpoint, ec);
  return ec;
}

boost::system::error_code port_reservation::bind(const std::string& address,
                                                 std::uint16_t port) {
  return bind_acceptor(socket_, address, port, true);
}

std::uint16_t port_reservation::port() const {
  boost::system::error_code ec;
  return socket_.local_endpoint(ec).port();
}

} // namespace net
