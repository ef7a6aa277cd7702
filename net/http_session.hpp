// One HTTP connection, from its first request byte to its close. It reads
// requests (keep-alive) until one asks for a stream; then it drops the parser
// and buffer, writes what the stream's actor hands it (one write in flight,
// queued bytes bounded) and watches the socket so a client that leaves is
// noticed at once. Only its pending operations and its actor keep it alive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <boost/beast/core/error.hpp>
#include <caf/actor.hpp>

#include "net/asio_types.hpp"
#include "net/request_target.hpp"
#include "net/server_context.hpp"
#include "net/stream_sink.hpp"

namespace net {

class http_session : public outbox_target, public session_link {
public:
  http_session(tcp_socket socket, server_context& ctx);
  ~http_session() override;

  // Reads requests from an admitted connection.
  void start();

  // Answers 503 to a connection over the cap, then closes it.
  void reject();

  // stream_sink: called from actor threads, handed to the io thread.
  void deliver(const stream_event& event) override;
  void finish() override;

  // Io thread: an event deliver() framed.
  void write_event(std::string bytes, std::int64_t arrived_unix_ns) override;

  // Io thread: finish(), or the server stops. Streams get their last chunk.
  void shutdown() override;

  // Io thread, every half sse-heartbeat: an SSE stream that wrote nothing
  // since the call before the last gets a comment line.
  void heartbeat();

  // Io thread: close now, whatever is pending.
  void do_close();

private:
  struct request_state;
  struct out_queue;
  struct watch_handler;
  enum class phase : std::uint8_t { reading, streaming, closing, closed };
  enum class then : std::uint8_t { read_next, keep_streaming, close, linger };

  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_request_timeout(boost::beast::error_code ec);
  void handle_request();
  void respond(std::string bytes, then next);
  void upgrade(route r);
  void start_stream(route r, bool chunked);
  void do_watch();
  void on_watch(boost::beast::error_code ec);
  void queue(std::string bytes, std::uint32_t chunks, then next);
  bool write_now(std::string& bytes, std::uint32_t chunks);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void linger();
  // Keeps the session alive in a pending handler.
  boost::intrusive_ptr<http_session> self_ref() {
    return this;
  }

  // Fields are paid once per connection: each says why it must be here.
  tcp_socket socket_;                       // the connection itself
  server_context& ctx_;                     // shared limits, counters, handler
  std::unique_ptr<request_state> request_;  // parser, buffer, timer: gone
                                            // once streaming starts
  std::unique_ptr<out_queue> out_;          // unsent bytes; null when idle
  caf::actor owner_;                        // the stream's actor, told on close
  phase phase_ = phase::reading;            // what the socket is used for now
  then after_write_ = then::read_next;      // what follows the queued bytes
  bool admitted_ = false;                   // counted in stats.connections
  bool chunked_ = true;                     // false for HTTP/1.0: raw body,
                                            // ended by the close
  stream_format format_{};                  // how events are written
  std::uint8_t quiet_sweeps_ = 0;           // heartbeat() calls since the
                                            // last write
};

} // namespace net
