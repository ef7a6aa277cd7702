#include "net/relay_pipe.hpp"

#include <iostream>

#include <boost/asio/write.hpp>

#include "net/log.hpp"

namespace net {

namespace {

// A peer that has not passed its check by then is refused: a connection
// that says nothing must not hold two sockets for ever.
constexpr auto opening_timeout = std::chrono::seconds(10);

// The relay passes on whatever it read, often a part of a node's message:
// with Nagle's algorithm a part written while the previous one awaits its
// ACK waits too, and the receiver delays its ACKs by up to 40 ms. CAF's own
// sockets turn it off for the same reason.
void send_at_once(tcp_socket& socket) {
  boost::system::error_code ignored; // only a latency lost
  socket.set_option(tcp::no_delay(true), ignored);
}

} // namespace

relay_pipe::relay_pipe(tcp_socket peer, std::shared_ptr<const relay_rules> rules)
  : peer_(std::move(peer)),
    backend_(peer_.get_executor()),
    opening_deadline_(peer_.get_executor()),
    rules_(std::move(rules)) {
  boost::system::error_code ec;
  peer_endpoint_ = peer_.remote_endpoint(ec);
  send_at_once(peer_);
}

void relay_pipe::start(const tcp::endpoint& backend) {
  opening_deadline_.expires_after(opening_timeout);
  opening_deadline_.async_wait(
    [self = shared_from_this()](boost::system::error_code ec) {
      if (!ec && !self->checked_)
        self->refuse("no handshake within "
                     + std::to_string(opening_timeout.count()) + " s");
    });
  backend_.async_connect(backend,
                         [self = shared_from_this()](boost::system::error_code ec) {
                           self->on_connect(ec);
                         });
}

void relay_pipe::on_connect(boost::system::error_code ec) {
  if (ec) {
    fail(ec, "node port backend");
    return do_close();
  }
  send_at_once(backend_);
  do_read(to_peer_);
  read_opening();
}

void relay_pipe::read_opening() {
  peer_.async_read_some(
    asio::buffer(to_backend_.bytes),
    [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
      self->on_opening(ec, n);
    });
}

void relay_pipe::on_opening(boost::system::error_code ec, std::size_t n) {
  if (ec)
    return do_close(); // gone before a word: nothing to refuse
  opening_.append(to_backend_.bytes.data(), n);
  auto verdict = rules_->check(opening_);
  using kind = opening_verdict::kind;
  if (verdict.what == kind::need_more)
    return read_opening();
  if (verdict.what == kind::refuse)
    return refuse(verdict.reason);
  checked_ = true;
  opening_deadline_.cancel();
  asio::async_write(backend_, asio::buffer(opening_),
                    [self = shared_from_this()](boost::system::error_code ec,
                                                std::size_t) {
                      if (ec)
                        return self->do_close();
                      self->opening_ = {};
                      self->do_read(self->to_backend_);
                    });
}

void relay_pipe::refuse(const std::string& reason) {
  if (!peer_.is_open())
    return;
  rules_->on_refused(peer_endpoint_, reason);
  do_close();
}

void relay_pipe::do_read(pump& p) {
  p.from->async_read_some(
    asio::buffer(p.bytes),
    [self = shared_from_this(), &p](boost::system::error_code ec,
                                    std::size_t n) {
      if (ec)
        return self->do_close();
      self->do_write(p, n);
    });
}

void relay_pipe::do_write(pump& p, std::size_t n) {
  asio::async_write(*p.to, asio::buffer(p.bytes.data(), n),
                    [self = shared_from_this(), &p](boost::system::error_code ec,
                                                    std::size_t) {
                      if (ec)
                        return self->do_close();
                      self->do_read(p);
                    });
}

void relay_pipe::do_close() {
  boost::system::error_code ec;
  opening_deadline_.cancel();
  peer_.shutdown(tcp_socket::shutdown_both, ec);
  peer_.close(ec);
  backend_.shutdown(tcp_socket::shutdown_both, ec);
  backend_.close(ec);
}

} // namespace net
