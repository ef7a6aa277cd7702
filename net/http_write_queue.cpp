// An http_session's writes (one in flight, the rest queued and bounded) and
// its close.
#include <iostream>

#include <boost/asio/write.hpp>
#include <caf/send.hpp>

#include "net/atoms.hpp"
#include "net/http_session.hpp"
#include "net/http_session_state.hpp"
#include "net/log.hpp"

namespace net {

namespace beast = boost::beast;

namespace {

// How long a connection we are closing after an error response may take to
// read it before we close anyway (closing with unread input sends a reset that
// can destroy the response before the client reads it).
constexpr auto linger_time = std::chrono::seconds(1);

} // namespace


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
  quiet_sweeps_ = 0;
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
    if (format_ == stream_format::sse)
      bump(ctx_.stats.sse_streams, -1);
    // The actor may drop its reference to us in this call: our caller holds
    // one (a handler's or a snapshot's).
    caf::anon_send(owner_, closed_atom::value);
    owner_ = nullptr;
  }
}

} // namespace net
