// A WebSocket stream: the socket an http_session hands over with its upgrade
// request, as Beast's examples hand an http_session's socket to a
// websocket_session. It writes the stream's events as JSON text frames (one
// write in flight, queued bytes bounded), reads and drops what the client
// sends (a message over streams.ws-max-message closes it with 1009), pings
// when idle and closes when pongs stop (Beast's keep-alive timeout). Close
// codes: 1001 when the server stops or the stream ends, 1008 for an
// invalid Id. Only its pending operations and its actor keep it alive.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <caf/actor.hpp>

#include "net/asio_types.hpp"
#include "net/request_target.hpp"
#include "net/server_context.hpp"
#include "net/stream_sink.hpp"
#include "net/ws_reading.hpp"

namespace net {

class ws_session : public outbox_target, public ws_link {
public:
  using upgrade_request
    = boost::beast::http::request<boost::beast::http::string_body>;

  // `admitted`: the connection is counted in stats.connections.
  ws_session(tcp_socket socket, server_context& ctx, bool admitted);
  ~ws_session() override;

  // Completes the handshake for `request`, then streams `r`'s id (or closes
  // with 1008 when `r` is a refusal).
  void start(upgrade_request request, route r);

  // stream_sink: called from actor threads, posted to the io thread.
  void deliver(const stream_event& event) override;
  void finish() override;

  // Io thread: an event deliver() framed.
  void write_event(std::string frame, std::int64_t arrived_unix_ns) override;

  // Io thread: close with 1001 after what is queued.
  void shutdown() override;
  // Io thread: close the socket now.
  void do_close();

private:
  struct out_queue;
  enum class phase : std::uint8_t { handshake, streaming, closing, closed };

  void on_accept(boost::beast::error_code ec, route r);
  void do_read();
  void queue(std::string frame);
  void do_write();
  void close_with(boost::beast::websocket::close_reason reason);
  boost::intrusive_ptr<ws_session> self_ref() { return this; }

  // Without permessage-deflate (never offered): Beast's per-stream state is
  // 56 bytes smaller.
  boost::beast::websocket::stream<tcp_socket, false> ws_; // the connection
  server_context& ctx_;            // limits, counters, the stream handler
  // The client's messages are read into this and dropped (ws_reading.hpp).
  std::array<char, ws_discard_bytes> discard_;
  std::unique_ptr<out_queue> out_; // unsent frames; null when idle
  caf::actor owner_;               // the stream's actor, told on close
  phase phase_ = phase::handshake;
  bool admitted_;                  // counted in stats.connections
};

} // namespace net
