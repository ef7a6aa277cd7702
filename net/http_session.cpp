// An http_session reading requests and choosing a route; streaming is in
// http_stream.cpp, the writes and the close in http_write_queue.cpp.
#include "net/http_session.hpp"

#include <iostream>
#include <optional>

#include <boost/beast/http/read.hpp>

#include "net/http_text.hpp"
#include "net/log.hpp"
#include "net/http_session_state.hpp"
#include "net/stream_page.hpp"
#include "net/stream_request.hpp"
#include "net/ws_session.hpp"

namespace net {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

// "<Reason>: <what was wrong>\n", or the reason alone.
std::string error_body(int status, std::string_view why = {}) {
  std::string body{reason_phrase(status)};
  if (!why.empty())
    body.append(": ").append(why);
  return body + "\n";
}

} // namespace

http_session::http_session(tcp_socket socket, server_context& ctx)
  : socket_(std::move(socket)), ctx_(ctx) {
  ctx_.sessions.push_back(*this);
}

http_session::~http_session() = default;

void http_session::start() {
  admitted_ = true; // the server has counted it in stats.connections
  auto& limits = ctx_.limits;
  request_ = std::make_unique<request_state>(socket_.get_executor(),
                                             request_buffer_bytes(limits));
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
  limit_request(*req.parser, ctx_.limits);
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
  int status = req.timed_out ? 408 : read_failure_status(ec);
  if (status == 0) {
    fail(ec, "read");
    return do_close();
  }
  bump(ctx_.stats.bad_requests);
  // A malformed request is told what the parser found wrong ("bad target").
  auto why = status == 400 ? ec.message() : std::string{};
  respond(simple_response(status, error_body(status, why), false), then::linger);
}

void http_session::handle_request() {
  request_->served_one = true;
  auto d = decide_request(request_->parser->get());
  auto next = d.keep_alive ? then::read_next : then::linger;
  auto& r = d.what;
  if (r.kind == route::websocket)
    return upgrade(std::move(r));
  if (r.kind == route::page)
    return respond(response_bytes(200, "text/html; charset=utf-8", stream_page(),
                                  d.keep_alive, d.head,
                                  "Cache-Control: no-cache\r\n"),
                   next);
  if (r.kind == route::stream && !d.head)
    return start_stream(std::move(r), d.chunked);
  if (r.kind == route::stream)
    return respond(stream_head(r.format, d.chunked),
                   d.chunked ? next : then::linger);
  if (r.status == 400)
    bump(ctx_.stats.bad_requests);
  respond(simple_response(r.status, error_body(r.status, r.why), d.keep_alive,
                          d.head),
          next);
}

void http_session::upgrade(route r) {
  auto request = request_->parser->release();
  // This session ends here, without closing: the socket moves on.
  request_.reset();
  phase_ = phase::closed;
  unlink();
  boost::intrusive_ptr<ws_session> ws{
    new ws_session(std::move(socket_), ctx_, std::exchange(admitted_, false))};
  ws->start(std::move(request), std::move(r));
}

void http_session::respond(std::string bytes, then next) {
  queue(std::move(bytes), 0, next);
}

} // namespace net
