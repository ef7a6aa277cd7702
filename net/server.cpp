#include "net/server.hpp"

#include <csignal>
#include <iostream>
#include <memory>

#include "net/http_session.hpp"

namespace net {

namespace {

// Streams get this long to flush their last chunk before a forced close;
// the whole stop stays well under the 5 s a supervisor would allow.
constexpr auto grace_period = std::chrono::seconds(3);
constexpr auto drain_poll = std::chrono::milliseconds(20);

} // namespace

server::server(asio::io_context& ioc, server_limits limits, counters& stats,
               stream_handler& handler)
  : ctx_{limits, stats, handler, {}},
    listener_(ioc, "streams",
              [this](tcp_socket socket) { on_socket(std::move(socket)); }),
    signals_(ioc, SIGINT, SIGTERM),
    drain_timer_(ioc.get_executor()) {
}

boost::system::error_code server::listen(const std::string& address,
                                         std::uint16_t port) {
  return listener_.listen(address, port);
}

std::uint16_t server::port() const {
  return listener_.port();
}

void server::start(std::function<void()> on_stop) {
  on_stop_ = std::move(on_stop);
  signals_.async_wait([this](boost::system::error_code ec, int signo) {
    if (ec)
      return;
    std::cerr << "caf-comet: " << (signo == SIGINT ? "SIGINT" : "SIGTERM")
              << ": ending every stream\n";
    stop();
  });
  listener_.start();
}

void server::on_socket(tcp_socket socket) {
  auto session = std::make_shared<http_session>(std::move(socket), ctx_);
  auto open = ctx_.stats.connections.load(std::memory_order_relaxed);
  if (open >= ctx_.limits.max_connections)
    session->reject();
  else
    session->start();
}

void server::stop() {
  if (stopping_)
    return;
  stopping_ = true;
  boost::system::error_code ec;
  signals_.cancel(ec);
  listener_.stop();
  if (on_stop_)
    on_stop_();
  shutdown_sessions(ctx_);
  deadline_ = std::chrono::steady_clock::now() + grace_period;
  check_drained();
}

void server::check_drained() {
  if (ctx_.sessions.empty())
    return;
  if (std::chrono::steady_clock::now() >= deadline_) {
    std::cerr << "caf-comet: grace period over, closing what is left\n";
    close_sessions(ctx_);
    return;
  }
  drain_timer_.expires_after(drain_poll);
  drain_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec)
      check_drained();
  });
}

} // namespace net
