// One streaming GET: connect, write the request, then read chunks until the
// stream ends. Its pending operation owns it (and, while it connects, the
// pool's deadline queue); when the stream ends nothing is pending any more
// and it is gone.
//
// Memory is the point: floodtest holds ~18,000 of these per process. There
// is no buffer per stream: a readable socket is read into the pool's one
// buffer and parsed at once by a parser of a few bytes. The stream and its
// pending operation live in the pool's small_pool, and it counts its owners
// itself (boost::intrusive_ptr): 104 bytes, and 96 for the read wait.
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

#include "chunk_scanner.hpp"
#include "close_reason.hpp"
#include "response_parser.hpp"
#include "small_pool.hpp"

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
  bool consume(std::string_view bytes);
  void on_body(std::string_view bytes);
  void on_chunk_end();
  void fail(const boost::system::error_code& ec);
  void finish(close_reason reason);

  // The connection.
  socket_type socket_;
  // Counters, the shared read buffer and the clock.
  stream_pool& pool_;
  // The GET until it is written; then freed, it is most of a stream's bytes.
  std::unique_ptr<std::string> request_;
  // HTTP framing: where in the head or in which chunk we are.
  response_parser parser_;
  // Recognizes tick and stamped-message chunks for the latency histograms.
  chunk_scanner scanner_;
  // A tick N is due at timed_from_ - 1 + (N - timed_n_) * tick (pool ticks):
  // set by the welcome (N = 0), moved on by every tick and by every stamped
  // message, which takes the next N and restarts the server's interval.
  // 0: no welcome yet.
  std::uint32_t timed_from_ = 0;
  std::uint32_t timed_n_ = 0;
  // stream_ptrs to it: its pending operation, the pool's deadline queue.
  std::uint32_t owners_ = 0;
  // Decides what a close counts as, and whether a deadline still applies.
  phase phase_ = phase::connecting;
};

} // namespace floodtest
