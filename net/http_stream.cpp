// The streaming part of an http_session: from the response head to the
// last chunk, and the watch that notices a client that left.
#include <iostream>

#include <caf/send.hpp>

#include "net/atoms.hpp"
#include "net/event_framing.hpp"
#include "net/exact_allocator.hpp"
#include "net/http_session.hpp"
#include "net/http_session_state.hpp"
#include "net/http_text.hpp"
#include "net/log.hpp"

namespace net {

namespace beast = boost::beast;

void http_session::start_stream(route r, bool chunked) {
  phase_ = phase::streaming;
  // Set before the actor exists; read by its writes.
  chunked_ = chunked;
  format_ = r.format;
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
  queue(stream_head(format_, chunked_), 0, then::keep_streaming);
  if (phase_ == phase::closed)
    return; // the client left right after its request: no stream to open
  owner_ = open_stream_or_log(ctx_.handler, {std::move(r.id), r.resume_after},
                              self_ref());
  if (!owner_)
    return do_close();
  if (phase_ == phase::closed) {
    // The welcome's write found the client gone before the actor was ours
    // to tell: tell it now, or it would tick for ever into a closed session.
    caf::anon_send(std::exchange(owner_, nullptr), closed_atom::value);
    return;
  }
  bump(ctx_.stats.streams);
  bump(ctx_.stats.streams_started);
  if (format_ == stream_format::sse) {
    bump(ctx_.stats.sse_streams);
    session_link::unlink();
    ctx_.sse_sessions.push_back(*this);
  }
  do_watch();
}

// The welcome is written at once, not handed off: it is delivered on the io
// thread while the stream opens, and must go before what other threads hand
// off meanwhile (a resumed stream's replayed messages); its caller holds no
// lock that closing takes. Every other event goes through the outbox even
// on this thread: actors may run here, and a feed delivers under the lock
// that closing (a slow reader's) takes.
void http_session::deliver(const stream_event& event) {
  auto bytes = frame_http_event(format_, chunked_, event);
  if (event.kind == event_kind::welcome
      && socket_.get_executor().running_in_this_thread())
    return write_event(std::move(bytes), event.arrived_unix_ns);
  ctx_.outbox.add(self_ref(), std::move(bytes), event.arrived_unix_ns, false);
}

void http_session::write_event(std::string bytes,
                               std::int64_t arrived_unix_ns) {
  if (phase_ != phase::streaming)
    return;
  queue(std::move(bytes), 1, then::keep_streaming);
  // Not timed when the write closed the stream (a slow reader).
  if (arrived_unix_ns != 0 && phase_ == phase::streaming)
    ctx_.stats.routed_latency.observe_since_unix_ns(arrived_unix_ns);
}

void http_session::finish() {
  ctx_.outbox.add(self_ref(), {}, 0, true);
}

void http_session::heartbeat() {
  if (phase_ != phase::streaming || format_ != stream_format::sse)
    return;
  if (++quiet_sweeps_ < 2)
    return;
  std::string comment{sse_heartbeat};
  queue(chunked_ ? frame_chunk(comment) : comment, 0, then::keep_streaming);
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


} // namespace net
