#include "net/http_session.hpp"

#include <iostream>
#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <caf/send.hpp>

#include "net/atoms.hpp"
#include "net/exact_allocator.hpp"
#include "net/http_text.hpp"
#include "net/log.hpp"
#include "net/request_target.hpp"

namespace net {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// How long a connection we are closing after an error response may take to
// read it before we close anyway (closing with unread input sends a reset that
// can destroy the response before the client reads it).
constexpr auto linger_time = std::chrono::seconds(1);

std::string error_body(int status) {
  if (status == 400)
    return "Bad Request: the Id must be 1-64 characters of [A-Za-z0-9._~-]\n";
  return std::string{reason_phrase(status)} + "\n";
}

} // namespace

// Alive while requests are read; a stream drops it with its ~0.5 KB buffer.
struct http_session::request_state {
  request_state(const executor& ex, std::size_t max_bytes)
    : buffer(max_bytes), timer(ex) {
  }
  beast::flat_buffer buffer;
  std::optional<http::request_parser<http::string_body>> parser;
  steady_timer timer;        // request-timeout, then the linger time
  bool read_pending = false; // the timer may only cancel a pending read
  bool timed_out = false;    // the pending read was cancelled by the timer
  bool served_one = false;   // a response was sent: we wait on a keep-alive
};

// Alive while bytes are unsent; freed when the socket has taken them all.
struct http_session::out_queue {
  std::string writing;              // the one write in flight
  std::string waiting;              // queued behind it
  std::uint32_t writing_chunks = 0; // counted as sent when written
  std::uint32_t waiting_chunks = 0;
};

http_session::http_session(tcp_socket socket, server_context& ctx)
  : socket_(std::move(socket)), ctx_(ctx) {
  ctx_.sessions.push_back(*this);
}

http_session::~http_session() = default;

void http_session::start() {
  admitted_ = true; // the server has counted it in stats.connections
  auto& limits = ctx_.limits;
  request_ = std::make_unique<request_state>(
    socket_.get_executor(), limits.max_header_bytes * 2);
  do_read();
}

void http_session::reject() {
  bump(ctx_.stats.rejected);
  request_ = std::make_unique<request_state>(socket_.get_executor(), 0);
  respond(simple_response(503, "Service Unavailable: connection limit reached\n",
                          false, false, "Retry-After: 5\r\n"),
          then::linger);
}

// -- reading requests ---------------------------------------------------------

void http_session::do_read() {
  auto& req = *request_;
  req.parser.emplace();
  req.parser->header_limit(static_cast<std::uint32_t>(ctx_.limits.max_header_bytes));
  req.parser->body_limit(ctx_.limits.max_header_bytes);
  req.read_pending = true;
  req.timed_out = false;
  req.timer.expires_after(ctx_.limits.request_timeout);
  req.timer.async_wait([self = self_ref()](beast::error_code ec) {
    self->on_request_timeout(ec);
  });
  http::async_read(socket_, req.buffer, *req.parser,
                   [self = self_ref()](beast::error_code ec,
                                       std::size_t bytes) {
                     self->on_read(ec, bytes);
                   });
}

void http_session::on_request_timeout(beast::error_code ec) {
  // A completion queued before the timer was re-armed is stale.
  if (ec || !request_ || !request_->read_pending
      || request_->timer.expiry() > std::chrono::steady_clock::now())
    return;
  request_->timed_out = true;
  beast::error_code ignored;
  socket_.cancel(ignored);
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  auto& req = *request_;
  req.read_pending = false;
  req.timer.cancel();
  if (phase_ != phase::reading)
    return;
  if (!ec)
    return handle_request();
  // A kept-alive connection that stays idle is simply closed: only a
  // request that has begun and does not complete is answered 408.
  if (req.timed_out && req.served_one && !req.parser->got_some())
    return do_close();
  int status = 400;
  if (req.timed_out)
    status = 408;
  else if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
    status = 431;
  else if (ec == http::error::body_limit)
    status = 413;
  else if (ec == http::error::end_of_stream || ec == http::error::partial_message
           || !is_http_error(ec)) {
    fail(ec, "read");
    return do_close();
  }
  bump(ctx_.stats.bad_requests);
  respond(simple_response(status, error_body(status), false), then::linger);
}

void http_session::handle_request() {
  request_->served_one = true;
  auto& msg = request_->parser->get();
  bool head = msg.method() == http::verb::head;
  bool keep_alive = msg.keep_alive();
  auto next = keep_alive ? then::read_next : then::linger;
  auto r = route_request(msg.method_string(), msg.target());
  bool chunked = msg.version() >= 11;
  if (r.kind == route::stream && !head)
    return start_stream(std::move(r.id), chunked);
  if (r.kind == route::stream)
    return respond(stream_head(chunked), chunked ? next : then::linger);
  if (r.status == 400)
    bump(ctx_.stats.bad_requests);
  respond(simple_response(r.status, error_body(r.status), keep_alive, head), next);
}

void http_session::respond(std::string bytes, then next) {
  queue(std::move(bytes), 0, next);
}

// -- streaming ----------------------------------------------------------------

void http_session::start_stream(std::string id, bool chunked) {
  phase_ = phase::streaming;
  chunked_ = chunked; // set before the actor exists; read by its writes
  // The parser and buffer are not needed again; pipelined input is dropped.
  request_.reset();
  beast::error_code ec;
  socket_.non_blocking(true, ec);
  // Small chunks must not wait for the client's delayed ACK (Nagle).
  socket_.set_option(tcp::no_delay(true), ec);
  // Without a cap the kernel would buffer megabytes for a slow reader before
  // our queue (and its limit) ever saw a byte.
  socket_.set_option(
    asio::socket_base::send_buffer_size(
      static_cast<int>(ctx_.limits.send_queue_limit)),
    ec);
  // The actor before the head: when the head's write finds the client gone
  // (it reset right after its request), do_close must have an actor to
  // tell, or the stream would go on for ever, logged in and ticking into a
  // closed session. The actor's welcome is posted, so it follows the head.
  try {
    owner_ = ctx_.handler.open_stream(std::move(id), self_ref());
  } catch (const std::exception& e) {
    std::cerr << "caf-comet: cannot start a stream: " << e.what() << '\n';
  }
  if (!owner_)
    return do_close();
  bump(ctx_.stats.streams);
  queue(stream_head(chunked_), 0, then::keep_streaming);
  if (phase_ == phase::streaming)
    do_watch();
}

void http_session::write_chunk(std::string payload) {
  asio::post(socket_.get_executor(),
             [self = self_ref(),
              bytes = chunked_ ? frame_chunk(payload)
                               : std::move(payload)]() mutable {
               if (self->phase_ == phase::streaming)
                 self->queue(std::move(bytes), 1, then::keep_streaming);
             });
}

void http_session::finish() {
  asio::post(socket_.get_executor(),
             [self = self_ref()] { self->shutdown(); });
}

void http_session::shutdown() {
  if (phase_ == phase::streaming) {
    // Closing first: queue() may close the session for good (a slow reader).
    phase_ = phase::closing;
    // Without chunks the body ends with the close, after what is queued.
    queue(chunked_ ? std::string{last_chunk} : std::string{}, 0, then::close);
  } else if (phase_ == phase::reading) {
    do_close();
  }
}

// The close watch lasts as long as the stream: its memory is sized for it
// alone. An allocator named by the handler's type (not bound beside it, as
// asio::bind_allocator would) keeps the operation at 88 bytes, a 96-byte
// block.
struct http_session::watch_handler {
  using allocator_type = exact_allocator<void>;

  allocator_type get_allocator() const noexcept {
    return {};
  }

  void operator()(beast::error_code ec) const {
    self->on_watch(ec);
  }

  boost::intrusive_ptr<http_session> self;
};

// Waits without a buffer until the client sends or closes: an idle stream
// notices a departed client at once instead of at its next write.
void http_session::do_watch() {
  socket_.async_wait(tcp_socket::wait_read, watch_handler{self_ref()});
}

void http_session::on_watch(beast::error_code ec) {
  if (phase_ == phase::closed)
    return;
  if (ec) {
    fail(ec, "watch");
    return do_close();
  }
  // Input on a stream is not for us; drain a bounded amount, then wait again.
  char discard[512];
  for (int i = 0; i < 16; ++i) {
    socket_.read_some(asio::buffer(discard), ec);
    if (ec == asio::error::would_block)
      break;
    if (ec)
      return do_close();
  }
  do_watch();
}

// -- writing ------------------------------------------------------------------

// A stream's socket is non-blocking: when nothing is queued, most chunks go
// straight into the socket buffer, without the queue's allocation and an
// asynchronous operation. Returns false when bytes are left for do_write.
bool http_session::write_now(std::string& bytes, std::uint32_t chunks) {
  beast::error_code ec;
  auto written = socket_.write_some(asio::buffer(bytes), ec);
  if (ec == asio::error::would_block)
    return false;
  if (ec) {
    fail(ec, "write");
    do_close();
    return true;
  }
  if (written == bytes.size()) {
    bump(ctx_.stats.chunks_sent, chunks);
    return true;
  }
  bytes.erase(0, written);
  return false;
}

void http_session::queue(std::string bytes, std::uint32_t chunks, then next) {
  if (phase_ == phase::closed)
    return;
  if (!out_ && phase_ == phase::streaming && next == then::keep_streaming
      && write_now(bytes, chunks))
    return;
  if (!out_)
    out_ = std::make_unique<out_queue>();
  auto unsent = out_->writing.size() + out_->waiting.size() + bytes.size();
  if (phase_ == phase::streaming && unsent > ctx_.limits.send_queue_limit) {
    std::cerr << "caf-comet: closing a slow reader: " << unsent
              << " bytes unsent\n";
    bump(ctx_.stats.slow_closed);
    return do_close();
  }
  after_write_ = next;
  if (out_->writing.empty()) {
    out_->writing = std::move(bytes);
    out_->writing_chunks = chunks;
    do_write();
  } else {
    out_->waiting += bytes;
    out_->waiting_chunks += chunks;
  }
}

void http_session::do_write() {
  asio::async_write(socket_, asio::buffer(out_->writing),
                    [self = self_ref()](beast::error_code ec,
                                        std::size_t bytes) {
                      self->on_write(ec, bytes);
                    });
}

void http_session::on_write(beast::error_code ec, std::size_t) {
  if (phase_ == phase::closed)
    return;
  if (ec) {
    fail(ec, "write");
    return do_close();
  }
  bump(ctx_.stats.chunks_sent, out_->writing_chunks);
  if (!out_->waiting.empty()) {
    out_->writing.swap(out_->waiting);
    out_->waiting.clear();
    out_->writing_chunks = std::exchange(out_->waiting_chunks, 0);
    return do_write();
  }
  out_.reset();
  switch (after_write_) {
    case then::read_next:
      return do_read();
    case then::keep_streaming:
      return;
    case then::close:
      socket_.shutdown(tcp::socket::shutdown_send, ec);
      return do_close();
    case then::linger:
      return linger();
  }
}

// -- closing ------------------------------------------------------------------

void http_session::linger() {
  phase_ = phase::closing;
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  socket_.non_blocking(true, ec);
  request_->timer.expires_after(linger_time);
  request_->timer.async_wait([self = self_ref()](beast::error_code ec) {
    if (!ec)
      self->do_close();
  });
  do_watch();
}

void http_session::do_close() {
  if (phase_ == phase::closed)
    return;
  phase_ = phase::closed;
  beast::error_code ec;
  socket_.close(ec);
  if (request_)
    request_->timer.cancel();
  unlink();
  if (admitted_)
    bump(ctx_.stats.connections, -1);
  if (owner_) {
    bump(ctx_.stats.streams, -1);
    // The actor may drop its reference to us in this call: our caller holds
    // one (a handler's or a snapshot's).
    caf::anon_send(owner_, closed_atom::value);
    owner_ = nullptr;
  }
}

namespace {

// Sessions leave the list as they close, so act on a snapshot of it.
std::vector<boost::intrusive_ptr<http_session>>
snapshot(server_context& ctx) {
  std::vector<boost::intrusive_ptr<http_session>> live;
  for (auto& link : ctx.sessions)
    live.push_back(&static_cast<http_session&>(link));
  return live;
}

} // namespace

void shutdown_sessions(server_context& ctx) {
  for (auto& session : snapshot(ctx))
    session->shutdown();
}

void close_sessions(server_context& ctx) {
  for (auto& session : snapshot(ctx))
    session->do_close();
}

} // namespace net
