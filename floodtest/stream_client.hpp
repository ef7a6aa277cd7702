// One streaming GET: connect, write the request, then read chunks until the
// stream ends. Its pending operation owns it (shared_from_this); when the
// stream ends nothing is pending any more and it is gone.
//
// Memory is the point: floodtest holds ~18,000 of these per process. There
// is no buffer per stream: a readable socket is read into the pool's one
// buffer and parsed at once by a parser of a few bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "chunk_scanner.hpp"
#include "close_reason.hpp"
#include "response_parser.hpp"

namespace floodtest {

class stream_pool;

class stream_client : public std::enable_shared_from_this<stream_client> {
public:
  // 40 bytes instead of 88 with the default any_io_executor.
  using socket_type
    = boost::asio::basic_stream_socket<boost::asio::ip::tcp,
                                       boost::asio::io_context::executor_type>;

  stream_client(stream_pool& pool, std::string request);

  // Connects to `to`, from `from` when given (sharing its ports with other
  // destinations: IP_BIND_ADDRESS_NO_PORT).
  void start(const boost::asio::ip::tcp::endpoint& to,
             const boost::asio::ip::address_v4* from);

  // The pool's deadline passed: ends the stream unless it already streams.
  void time_out();

private:
  enum class phase : std::uint8_t { connecting, requesting, streaming, done };

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
  // When the welcome chunk arrived (pool ticks + 1); 0: not yet. Ticks are
  // timed against it.
  std::uint32_t welcome_at_ = 0;
  // Decides what a close counts as, and whether a deadline still applies.
  phase phase_ = phase::connecting;
};

} // namespace floodtest
