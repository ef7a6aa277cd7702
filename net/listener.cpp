#include "net/listener.hpp"

#include <iostream>
#include <memory>

#include "net/http_session.hpp"

namespace net {

namespace {

// Pause after an accept error so that a full fd table is not spun on.
constexpr auto accept_backoff = std::chrono::milliseconds(100);

} // namespace

listener::listener(asio::io_context& ioc, server_context& ctx)
  : acceptor_(ioc.get_executor()), backoff_(ioc.get_executor()), ctx_(ctx) {
}

boost::system::error_code bind_and_listen(tcp_acceptor& acceptor,
                                          const std::string& address,
                                          std::uint16_t port) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec)
    return ec;
  tcp::endpoint endpoint{addr, port};
  acceptor.open(endpoint.protocol(), ec);
  if (!ec)
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec)
    acceptor.bind(endpoint, ec);
  if (!ec)
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  return ec;
}

boost::system::error_code listener::listen(const std::string& address,
                                           std::uint16_t port) {
  return bind_and_listen(acceptor_, address, port);
}

std::uint16_t listener::port() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void listener::start() {
  do_accept();
}

void listener::stop() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  backoff_.cancel();
}

void listener::do_accept() {
  acceptor_.async_accept(
    [this](boost::system::error_code ec, tcp_socket socket) {
      on_accept(ec, std::move(socket));
    });
}

void listener::on_accept(boost::system::error_code ec, tcp_socket socket) {
  if (!acceptor_.is_open())
    return;
  if (ec) {
    std::cerr << "caf-comet: accept: " << ec.message() << " (retrying)\n";
    backoff_.expires_after(accept_backoff);
    backoff_.async_wait([this](boost::system::error_code ec) {
      if (!ec)
        do_accept();
    });
    return;
  }
  auto session = std::make_shared<http_session>(std::move(socket), ctx_);
  auto open = ctx_.stats.connections.load(std::memory_order_relaxed);
  if (open >= ctx_.limits.max_connections)
    session->reject();
  else
    session->start();
  do_accept();
}

} // namespace net
