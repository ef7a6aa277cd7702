#include "net/ws_session.hpp"

#include <iostream>
#include <string>
#include <vector>

#include <boost/asio/bind_allocator.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <caf/send.hpp>

#include "net/atoms.hpp"
#include "net/event_framing.hpp"
#include "net/exact_allocator.hpp"
#include "net/http_text.hpp"
#include "net/log.hpp"

namespace net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

// The handshake and the read that stays pending for the stream's life take
// blocks of their own size from the heap: from Asio's per-thread recycling
// they would sit in larger blocks freed before them (the handshake's HTTP
// write, ~540 bytes, under the ~290-byte read).
template <class Handler>
auto exact(Handler handler) {
  return asio::bind_allocator(exact_allocator<void>{}, std::move(handler));
}

} // namespace

// Alive while frames are unsent; freed when the socket has taken them all,
// so an idle stream holds none of it.
struct ws_session::out_queue {
  std::string writing;              // the frame in flight
  std::vector<std::string> waiting; // frames behind it
  std::size_t bytes = 0;            // all of them, bounded by send_queue_limit
};

ws_session::ws_session(tcp_socket socket, server_context& ctx, bool admitted)
  : ws_(std::move(socket)), ctx_(ctx), admitted_(admitted) {
  ctx_.ws_sessions.push_back(*this);
}

ws_session::~ws_session() = default;

void ws_session::start(upgrade_request request, route r) {
  auto& limits = ctx_.limits;
  // A ping after ws-ping of silence; closed when nothing (no pong) came
  // back within as long again.
  websocket::stream_base::timeout timeouts{limits.request_timeout,
                                           2 * limits.ws_ping, true};
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator(
    [](websocket::response_type& res) {
      res.set(beast::http::field::server, server_name());
    }));
  limit_client_messages(ws_, limits);
  ws_.auto_fragment(false);
  auto on_accept = [self = self_ref(), r = std::move(r)](
                     beast::error_code ec) mutable {
    self->on_accept(ec, std::move(r));
  };
  ws_.async_accept(request, exact(std::move(on_accept)));
}

void ws_session::on_accept(beast::error_code ec, route r) {
  if (ec) {
    fail(ec, "websocket handshake");
    return do_close();
  }
  if (r.status != 200) {
    bump(ctx_.stats.bad_requests);
    return close_with({websocket::close_code::policy_error, std::string{r.why}});
  }
  phase_ = phase::streaming;
  owner_ = open_stream_or_log(ctx_.handler, {std::move(r.id), r.resume_after},
                              self_ref());
  if (!owner_)
    return do_close();
  bump(ctx_.stats.streams);
  bump(ctx_.stats.streams_started);
  bump(ctx_.stats.ws_streams);
  do_read();
}

// Frames from the client mean nothing to a stream: read to answer pings and
// notice a close or an oversized message, and drop them.
void ws_session::do_read() {
  auto on_read = [self = self_ref()](beast::error_code ec, std::size_t) {
    if (self->phase_ == phase::closed)
      return;
    if (ec) {
      if (ec != websocket::error::closed)
        fail(ec, "websocket read");
      return self->do_close();
    }
    self->do_read();
  };
  ws_.async_read_some(asio::buffer(discard_), exact(std::move(on_read)));
}

void ws_session::deliver(const stream_event& event) {
  // The welcome at once, the rest through the outbox, as http_session's.
  auto frame = frame_event(stream_format::json, event);
  if (event.kind == event_kind::welcome
      && ws_.get_executor().running_in_this_thread())
    return write_event(std::move(frame), event.arrived_unix_ns);
  ctx_.outbox.add(self_ref(), std::move(frame), event.arrived_unix_ns, false);
}

void ws_session::write_event(std::string frame, std::int64_t arrived_unix_ns) {
  if (phase_ != phase::streaming)
    return;
  queue(std::move(frame));
  if (arrived_unix_ns != 0 && phase_ == phase::streaming)
    ctx_.stats.routed_latency.observe_since_unix_ns(arrived_unix_ns);
}

void ws_session::finish() {
  ctx_.outbox.add(self_ref(), {}, 0, true);
}

void ws_session::queue(std::string frame) {
  if (!out_)
    out_ = std::make_unique<out_queue>();
  auto& out = *out_;
  out.bytes += frame.size();
  if (out.bytes > ctx_.limits.send_queue_limit) {
    std::cerr << "caf-comet: closing a slow reader: " << out.bytes
              << " bytes unsent\n";
    bump(ctx_.stats.slow_closed);
    return do_close();
  }
  // A frame is in flight while out.writing holds one (a frame is never
  // empty); out_ is freed when the last one is written.
  if (!out.writing.empty())
    return out.waiting.push_back(std::move(frame));
  out.writing = std::move(frame);
  do_write();
}

// Writes out_->writing (never empty: an event's frame has a JSON object).
void ws_session::do_write() {
  ws_.text(true);
  ws_.async_write(asio::buffer(out_->writing), [self = self_ref()](
                                                 beast::error_code ec,
                                                 std::size_t) {
    auto& s = *self;
    if (s.phase_ == phase::closed)
      return;
    if (ec) {
      fail(ec, "websocket write");
      return s.do_close();
    }
    bump(s.ctx_.stats.chunks_sent);
    auto& out = *s.out_;
    out.bytes -= out.writing.size();
    if (!out.waiting.empty()) {
      out.writing = std::move(out.waiting.front());
      out.waiting.erase(out.waiting.begin());
      return s.do_write();
    }
    s.out_.reset();
    if (s.phase_ == phase::closing)
      s.close_with(websocket::close_code::going_away);
  });
}

void ws_session::shutdown() {
  if (phase_ == phase::closed || phase_ == phase::closing)
    return;
  if (phase_ == phase::handshake)
    return do_close();
  phase_ = phase::closing;
  if (!out_)
    close_with(websocket::close_code::going_away);
}

void ws_session::close_with(websocket::close_reason reason) {
  phase_ = phase::closing;
  ws_.async_close(reason, [self = self_ref()](beast::error_code ec) {
    if (ec && !is_normal_close(ec))
      fail(ec, "websocket close");
    self->do_close();
  });
}

void ws_session::do_close() {
  if (phase_ == phase::closed)
    return;
  phase_ = phase::closed;
  beast::error_code ec;
  beast::get_lowest_layer(ws_).close(ec);
  unlink();
  if (admitted_)
    bump(ctx_.stats.connections, -1);
  if (owner_) {
    bump(ctx_.stats.streams, -1);
    bump(ctx_.stats.ws_streams, -1);
    caf::anon_send(owner_, closed_atom::value);
    owner_ = nullptr;
  }
}

} // namespace net
