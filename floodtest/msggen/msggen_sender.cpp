#include "msggen_sender.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include "close_reason.hpp"

namespace floodtest {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// Socket errors read as floodtest's close reasons; Beast's own as Beast says.
std::string reason(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout)
    return "timeout";
  if (ec == http::error::end_of_stream)
    return "eof";
  if (ec.category() == boost::system::system_category()
      || ec == boost::asio::error::eof)
    return to_string(close_reason_from(ec));
  return ec.message();
}

} // namespace

msggen_sender::msggen_sender(boost::asio::io_context& ioc, msggen_plan& plan,
                             std::size_t index)
  : plan_(plan),
    index_(index),
    message_(index * plan.options().batch),
    timer_(ioc),
    stream_(ioc) {
}

void msggen_sender::stop() {
  timer_.cancel();
}

void msggen_sender::do_wait() {
  if (plan_.is_over(message_)) {
    beast::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both,
                              ignored);
    stream_.close();
    plan_.connection_done();
    return; // nothing pending: this connection is done
  }
  timer_.expires_at(plan_.post_due(message_));
  timer_.async_wait([self = shared_from_this()](auto ec) { self->on_due(ec); });
}

void msggen_sender::on_due(const boost::system::error_code&) {
  // Cancelled or not, the schedule decides what comes next.
  if (plan_.is_over(message_))
    return do_wait();
  prepare_post();
  if (connected_)
    return do_send();
  stream_.expires_after(plan_.options().timeout);
  stream_.async_connect(plan_.endpoint(),
                        [self = shared_from_this()](auto ec) {
                          self->on_connect(ec);
                        });
}

void msggen_sender::prepare_post() {
  // The messages are stamped now, when they are taken up: a reconnect
  // before they go counts in their delivery time.
  const auto& opt = plan_.options();
  auto post = plan_.next_post(message_);
  in_post_ = post.messages;
  plan_.totals().requests += in_post_;
  ++plan_.totals().posts;
  request_ = {http::verb::post, plan_.send_target(), 11};
  request_.set(http::field::host, opt.control.authority);
  request_.set(http::field::content_type, "application/json");
  if (!opt.token.empty())
    request_.set(http::field::authorization, "Bearer " + opt.token);
  request_.body() = std::move(post.body);
  request_.prepare_payload();
}

void msggen_sender::on_connect(const boost::system::error_code& ec) {
  if (ec)
    return fail("connect", ec);
  connected_ = true;
  boost::system::error_code ignored; // Nagle only delays; it breaks nothing
  stream_.socket().set_option(boost::asio::ip::tcp::no_delay{true}, ignored);
  do_send();
}

void msggen_sender::do_send() {
  sent_at_ = msggen_plan::clock::now();
  stream_.expires_after(plan_.options().timeout);
  http::async_write(stream_, request_,
                    [self = shared_from_this()](auto ec, std::size_t) {
                      self->on_write(ec);
                    });
}

void msggen_sender::on_write(const boost::system::error_code& ec) {
  if (ec)
    return fail("send", ec);
  response_ = {};
  http::async_read(stream_, buffer_, response_,
                   [self = shared_from_this()](auto ec, std::size_t) {
                     self->on_read(ec);
                   });
}

void msggen_sender::on_read(const boost::system::error_code& ec) {
  if (ec)
    return fail("answer", ec);
  auto& totals = plan_.totals();
  totals.record_answer(msggen_plan::clock::now() - sent_at_);
  auto body = nlohmann::json::parse(response_.body(), nullptr, false);
  auto delivered = body.is_object() ? body.find("delivered") : body.end();
  if (response_.result() != http::status::ok || delivered == body.end()
      || !delivered->is_number_unsigned())
    return fail("answer " + std::to_string(response_.result_int()) + ": "
                + response_.body());
  totals.ok += in_post_;
  totals.delivered += delivered->get<std::uint64_t>();
  if (!response_.keep_alive()) {
    stream_.close();
    connected_ = false;
  }
  next();
}

void msggen_sender::fail(const std::string& what,
                         const boost::system::error_code& ec) {
  fail(what + ": " + reason(ec));
}

void msggen_sender::fail(const std::string& why) {
  plan_.totals().failed += in_post_;
  plan_.report_failure(index_, why);
  // Whatever went wrong, the next message starts on a fresh connection.
  stream_.close();
  connected_ = false;
  buffer_.clear();
  next();
}

void msggen_sender::next() {
  // The rest of a batch the body limit cut short is due already; after a
  // whole batch comes this connection's next one, C batches on.
  message_ += in_post_;
  const auto& opt = plan_.options();
  if (message_ % opt.batch == 0)
    message_ += (opt.connections - 1) * opt.batch;
  do_wait();
}

} // namespace floodtest
