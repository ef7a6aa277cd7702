#include "net/server.hpp"

#include <csignal>
#include <iostream>
#include <memory>

#include <boost/asio/post.hpp>

#include "net/http_session.hpp"

namespace net {

namespace {

// Streams get this long to flush their last chunk before a forced close;
// the whole stop stays well under the 5 s a supervisor would allow.
constexpr auto grace_period = std::chrono::seconds(3);
constexpr auto drain_poll = std::chrono::milliseconds(20);

} // namespace

server::shard::shard(asio::io_context& ioc, server_limits limits,
                     counters& stats, stream_handler& handler)
  : ioc(ioc),
    ctx{limits, stats, handler, {}, {}, {}, io_outbox{ioc}},
    drain_timer(ioc.get_executor()),
    heartbeat_timer(ioc.get_executor()) {
}

server::server(io_pool& pool, server_limits limits, counters& stats,
               stream_handler& handler)
  : pool_(pool),
    listener_(
      pool.at(0), "streams",
      [this](tcp_socket socket) { on_socket(std::move(socket)); },
      [this]() -> asio::io_context& { return next_context(); }),
    signals_(pool.at(0), SIGINT, SIGTERM) {
  for (std::size_t i = 0; i < pool.size(); ++i)
    shards_.push_back(
      std::make_unique<shard>(pool.at(i), limits, stats, handler));
}

server::~server() = default;

boost::system::error_code server::listen(const std::string& address,
                                         std::uint16_t port, bool share_port) {
  return listener_.listen(address, port, share_port);
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
  for (auto& s : shards_)
    asio::post(s->ioc, [&s = *s] { heartbeat(s); });
}

// One pass over the shard's sessions every half heartbeat: a stream quiet
// for two passes gets its heartbeat, so none is quiet for a whole one. A
// timer per stream would cost every connection its memory.
void server::heartbeat(shard& s) {
  s.heartbeat_timer.expires_after(s.ctx.limits.sse_heartbeat / 2);
  s.heartbeat_timer.async_wait([&s](boost::system::error_code ec) {
    if (ec)
      return;
    heartbeat_sessions(s.ctx);
    heartbeat(s);
  });
}

asio::io_context& server::next_context() {
  auto& ioc = shards_[next_shard_]->ioc;
  next_shard_ = (next_shard_ + 1) % shards_.size();
  return ioc;
}

// Acceptor thread: the socket already lives on its shard's io_context; the
// session is made there, where its shard's list may be touched.
void server::on_socket(tcp_socket socket) {
  auto& ioc = socket.get_executor().context();
  for (auto& s : shards_) {
    if (&s->ioc != &ioc)
      continue;
    asio::post(ioc, [&ctx = s->ctx, socket = std::move(socket)]() mutable {
      admit(ctx, std::move(socket));
    });
    return;
  }
}

// Admits a new connection below the cap, answers 503 above it. The slot is
// taken atomically because several io threads admit at once.
void server::admit(server_context& ctx, tcp_socket socket) {
  boost::intrusive_ptr<http_session> session{
    new http_session(std::move(socket), ctx)};
  auto open = ctx.stats.connections.fetch_add(1, std::memory_order_relaxed);
  if (open < ctx.limits.max_connections) {
    bump(ctx.stats.accepted);
    return session->start();
  }
  bump(ctx.stats.connections, -1);
  session->reject();
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
  auto deadline = std::chrono::steady_clock::now() + grace_period;
  for (auto& s : shards_)
    asio::post(s->ioc, [&s = *s, deadline] {
      s.heartbeat_timer.cancel();
      shutdown_sessions(s.ctx);
      drain(s, deadline);
    });
  // Each io thread ends once its sessions are gone.
  pool_.release();
}

void server::drain(shard& s, time_point deadline) {
  if (no_sessions(s.ctx))
    return;
  if (std::chrono::steady_clock::now() >= deadline) {
    std::cerr << "caf-comet: grace period over, closing what is left\n";
    close_sessions(s.ctx);
    return;
  }
  s.drain_timer.expires_after(drain_poll);
  s.drain_timer.async_wait([&s, deadline](boost::system::error_code ec) {
    if (!ec)
      drain(s, deadline);
  });
}

} // namespace net
