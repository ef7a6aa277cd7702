// One keep-alive connection to the control port that sends its share of the
// messages on a steady schedule: message k is due at start + k / rate, and
// connection i of C sends batches i, i + C, i + 2C, ... (see msggen_plan; with
// --batch=1 a batch is one message). One POST is in flight at a time; a
// connection that fell behind sends at once until it is back on schedule, so
// the achieved rate is the asked one whenever the server keeps up. Its
// pending operation owns it (shared_from_this).
#pragma once

#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "msggen_plan.hpp"

namespace floodtest {

class msggen_sender : public std::enable_shared_from_this<msggen_sender> {
public:
  msggen_sender(boost::asio::io_context& ioc, msggen_plan& plan,
                std::size_t index);

  void start() { do_wait(); }

  // No more messages: a pending wait ends now, a request in flight finishes.
  void stop();

private:
  void do_wait();
  void on_due(const boost::system::error_code& ec);
  void prepare_post();
  void on_connect(const boost::system::error_code& ec);
  void do_send();
  void on_write(const boost::system::error_code& ec);
  void on_read(const boost::system::error_code& ec);
  void fail(const std::string& what, const boost::system::error_code& ec);
  void fail(const std::string& why);
  void next();

  msggen_plan& plan_;
  std::size_t index_;                   // which connection: names it in errors
  std::uint64_t message_;               // number of the message to send next
  std::uint64_t in_post_ = 0;           // messages in the POST in flight
  boost::asio::steady_timer timer_;     // waits for the message's due time
  boost::beast::tcp_stream stream_;     // the connection, with its deadline
  bool connected_ = false;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  msggen_plan::clock::time_point sent_at_;
};

} // namespace floodtest
