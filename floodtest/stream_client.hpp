// One stream: connect, write the request, then read the stream until it
// ends, over the pool's transport (the seed's chunked HTML, Server-Sent
// Events, or a WebSocket). Its pending operation owns it (and, while it
// connects, the pool's deadline queue); when the stream ends nothing is
// pending any more and it is gone. stream_client.cpp holds the connection's
// life, stream_reading.cpp what the bytes read mean.
//
// Memory is the point: floodtest holds ~18,000 of these per process. There
// is no buffer per stream: a readable socket is read into the pool's one
// buffer and parsed at once by parsers of a few bytes, which the transports
// share (stream_parsers). The stream and its pending operation live in the
// pool's small_pool, and it counts its owners itself
// (boost::intrusive_ptr): 104 bytes, and 96 for the read wait.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>

#include "close_reason.hpp"
#include "event_finding.hpp"
#include "small_pool.hpp"
#include "stream_parsers.hpp"
#include "stream_progress.hpp"

namespace floodtest {

class stream_pool;
class stream_client;

using stream_ptr = boost::intrusive_ptr<stream_client>;

class stream_client {
public:
  // 40 bytes instead of 88 with the default any_io_executor.
  using socket_type
    = boost::asio::basic_stream_socket<boost::asio::ip::tcp,
                                       boost::asio::io_context::executor_type>;

  // A new stream in the pool's small_pool.
  static stream_ptr create(stream_pool& pool, std::string request);

  stream_client(const stream_client&) = delete;
  stream_client& operator=(const stream_client&) = delete;

  // Connects to `to`, from `from` when given (sharing its ports with other
  // destinations: IP_BIND_ADDRESS_NO_PORT).
  void start(const boost::asio::ip::tcp::endpoint& to,
             const boost::asio::ip::address_v4* from);

  // Connecting or writing the request: the pool's deadline applies.
  bool connecting() const {
    return phase_ == phase::connecting || phase_ == phase::requesting;
  }

  // The pool's deadline passed: ends the stream unless it already streams.
  void time_out();

  friend void intrusive_ptr_add_ref(stream_client* stream) noexcept {
    ++stream->owners_;
  }
  // The last owner gives the stream's memory back to the pool.
  friend void intrusive_ptr_release(stream_client* stream) noexcept;

private:
  enum class phase : std::uint8_t { connecting, requesting, streaming, done };

  stream_client(stream_pool& pool, std::string request);
  ~stream_client() = default;

  // For asio's handlers: their operations are allocated in the small_pool.
  small_allocator<void> handler_allocator() const;

  void on_connect(const boost::system::error_code& ec);
  void do_write();
  void on_write(const boost::system::error_code& ec);
  void do_read();
  void on_read(const boost::system::error_code& ec);
  void fail(const boost::system::error_code& ec);
  void finish(close_reason reason);

  // -- stream_reading.cpp -----------------------------------------------------

  // False when the stream ended.
  bool consume(std::string_view bytes);
  bool upgraded() const;
  bool ends_at_eof();
  void on_body(std::string_view bytes);
  void on_chunk_end();
  void on_event(const event_finding& event);
  bool consume_frames(std::string_view bytes);
  void start_pong(std::uint64_t length);
  void add_to_pong(std::string_view bytes);
  void send_pong();
  void reply_close(std::uint16_t code);

  // The connection.
  socket_type socket_;
  // Counters, the shared read buffer and the clock.
  stream_pool& pool_;
  // What is to be written: the request until it is written, then a
  // WebSocket's pong while it is put together and written. Null otherwise:
  // the request is most of a stream's bytes.
  std::unique_ptr<std::string> outgoing_;
  // HTTP framing and the transport's event texts.
  stream_parsers parsers_;
  // Tick lateness, message delivery, gaps.
  stream_progress progress_;
  // stream_ptrs to it: its pending operation, the pool's deadline queue.
  std::uint32_t owners_ = 0;
  // Decides what a close counts as, and whether a deadline still applies.
  phase phase_ = phase::connecting;
  // The seed's stream: the current chunk was seen to be a tick or a stamped
  // message; one that ends unseen is a message without a stamp.
  bool chunk_seen_ = false;
  // A WebSocket ping's pong is being put together in outgoing_.
  bool answering_ping_ = false;
};

} // namespace floodtest
