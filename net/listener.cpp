#include "net/listener.hpp"

#include <iostream>

#include "net/port_reservation.hpp"

namespace net {

namespace {

// Pause after an accept error so that a full fd table is not spun on.
constexpr auto accept_backoff = std::chrono::milliseconds(100);

} // namespace

listener::listener(asio::io_context& ioc, std::string what,
                   socket_handler on_socket, context_picker pick)
  : acceptor_(ioc.get_executor()),
    backoff_(ioc.get_executor()),
    what_(std::move(what)),
    on_socket_(std::move(on_socket)),
    pick_(pick ? std::move(pick) : [&ioc]() -> asio::io_context& { return ioc; }) {
}

boost::system::error_code listener::listen(const std::string& address,
                                           std::uint16_t port,
                                           bool share_port) {
  auto ec = bind_acceptor(acceptor_, address, port, share_port);
  if (!ec)
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  return ec;
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
    pick_(),
    [this](boost::system::error_code ec, tcp_socket socket) {
      on_accept(ec, std::move(socket));
    });
}

void listener::on_accept(boost::system::error_code ec, tcp_socket socket) {
  if (!acceptor_.is_open())
    return;
  if (ec) {
    std::cerr << "caf-comet: accept (" << what_ << "): " << ec.message()
              << " (retrying)\n";
    backoff_.expires_after(accept_backoff);
    backoff_.async_wait([this](boost::system::error_code ec) {
      if (!ec)
        do_accept();
    });
    return;
  }
  try {
    on_socket_(std::move(socket));
  } catch (const std::exception& e) {
    std::cerr << "caf-comet: cannot serve a connection (" << what_
              << "): " << e.what() << '\n';
  }
  do_accept();
}

} // namespace net
