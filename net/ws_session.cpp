#include "net/ws_session.hpp"

#include <iostream>

#include <boost/beast/websocket/rfc6455.hpp>
#include <caf/send.hpp>

#include "net/atoms.hpp"
#include "net/event_framing.hpp"
#include "net/http_text.hpp"
#include "net/log.hpp"

namespace net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

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
  ws_.read_message_max(limits.ws_max_message);
  ws_.auto_fragment(false);
  ws_.async_accept(request, [self = self_ref(), r = std::move(r)](
                              beast::error_code ec) mutable {
    self->on_accept(ec, std::move(r));
  });
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
  ws_.async_read_some(asio::buffer(discard_), [self = self_ref()](
                                                 beast::error_code ec,
                                                 std::size_t) {
    if (self->phase_ == phase::closed)
      return;
    if (ec) {
      if (ec != websocket::error::closed)
        fail(ec, "websocket read");
      return self->do_close();
    }
    self->do_read();
  });
}

void ws_session::deliver(const stream_event& event) {
  // Written at once on the io thread, as http_session's: the welcome first.
  auto frame = frame_event(stream_format::json, event);
  if (ws_.get_executor().running_in_this_thread())
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
  queued_bytes_ += frame.size();
  if (queued_bytes_ > ctx_.limits.send_queue_limit) {
    std::cerr << "caf-comet: closing a slow reader: " << queued_bytes_
              << " bytes unsent\n";
    bump(ctx_.stats.slow_closed);
    return do_close();
  }
  if (writing_now_)
    return waiting_.push_back(std::move(frame));
  writing_ = std::move(frame);
  do_write();
}

void ws_session::do_write() {
  writing_now_ = true;
  ws_.text(true);
  ws_.async_write(asio::buffer(writing_), [self = self_ref()](
                                            beast::error_code ec, std::size_t) {
    auto& s = *self;
    s.writing_now_ = false;
    if (s.phase_ == phase::closed)
      return;
    if (ec) {
      fail(ec, "websocket write");
      return s.do_close();
    }
    bump(s.ctx_.stats.chunks_sent);
    s.queued_bytes_ -= s.writing_.size();
    s.writing_.clear();
    if (!s.waiting_.empty()) {
      s.writing_ = std::move(s.waiting_.front());
      s.waiting_.erase(s.waiting_.begin());
      return s.do_write();
    }
    s.writing_.shrink_to_fit();
    s.waiting_.shrink_to_fit();
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
  if (!writing_now_)
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
