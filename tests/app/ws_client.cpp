#include "ws_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core/buffers_to_string.hpp>

namespace app_test {

namespace websocket = boost::beast::websocket;
using boost::asio::ip::tcp;

ws_client::ws_client(std::uint16_t port, const std::string& target) : ws_(ioc_) {
  ws_.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
  ws_.handshake("127.0.0.1:" + std::to_string(port), target);
  ws_.control_callback([this](websocket::frame_type kind, boost::beast::string_view) {
    if (kind == websocket::frame_type::ping)
      ++pings_;
  });
}

std::optional<nlohmann::json> ws_client::next(std::chrono::milliseconds timeout) {
  std::optional<nlohmann::json> out;
  bool done = false;
  buffer_.clear();
  ws_.async_read(buffer_, [&](boost::beast::error_code ec, std::size_t) {
    done = true;
    if (ec == websocket::error::closed)
      close_code_ = ws_.reason().code;
    if (!ec)
      out = nlohmann::json::parse(boost::beast::buffers_to_string(buffer_.data()),
                                  nullptr, false);
  });
  ioc_.restart();
  ioc_.run_for(timeout);
  if (!done) {
    boost::beast::get_lowest_layer(ws_).cancel();
    ioc_.restart();
    ioc_.run(); // the cancelled read completes
  }
  return out;
}

void ws_client::send_text(const std::string& text) {
  ws_.text(true);
  boost::beast::error_code ec;
  ws_.write(boost::asio::buffer(text), ec);
}

} // namespace app_test
