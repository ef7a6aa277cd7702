// A blocking WebSocket client for tests (Beast), every read bounded in time
// so that a broken server fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <nlohmann/json.hpp>

namespace app_test {

class ws_client {
public:
  // Connects and completes the handshake for `target` (e.g. "/ws/alice").
  ws_client(std::uint16_t port, const std::string& target);

  // The next text frame as JSON; nothing on a close, an error or a timeout
  // (then close_code() says why it ended, if the server closed).
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout);

  void send_text(const std::string& text);

  // The close code the server sent, 0 if none came.
  int close_code() const { return close_code_; }
  // Pings the server sent so far (Beast answers each with a pong).
  int pings() const { return pings_; }

private:
  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
  boost::beast::flat_buffer buffer_;
  int close_code_ = 0;
  int pings_ = 0;
};

} // namespace app_test
