#include "net/control_server.hpp"

#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>

#include "net/http_text.hpp"
#include "net/latency_histogram.hpp"
#include "net/log.hpp"

namespace net {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

std::string response_bytes(const control_response& res, bool keep_alive) {
  return net::response_bytes(res.status, res.content_type, res.body,
                             keep_alive, false, res.extra_headers);
}

} // namespace

class control_session : public std::enable_shared_from_this<control_session> {
public:
  control_session(tcp_socket socket, control_handler& handler,
                  const control_limits& limits)
    : stream_(std::move(socket)), handler_(handler), limits_(limits) {
  }

  void start() { do_read(); }

  void close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      self->stream_.close();
    });
  }

private:
  void do_read() {
    parser_.emplace();
    limit_control_request(*parser_, limits_);
    stream_.expires_after(limits_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec,
                                                 std::size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    target_ = parser_->is_header_done() ? std::string{parser_->get().target()}
                                        : std::string{};
    if (ec) {
      if (auto answer = control_read_failure(ec, limits_))
        return reply(*answer, false);
      return fail(ec, "control read");
    }
    auto msg = parser_->release();
    bool keep_alive = msg.keep_alive();
    auto req = to_control_request(msg);
    req.arrived_unix_ns = unix_now_ns();
    stream_.expires_never();
    try {
      handler_.handle(std::move(req),
                      [self = shared_from_this(), keep_alive](control_response res) {
                        asio::post(self->stream_.get_executor(),
                                   [self, keep_alive, res = std::move(res)] {
                                     self->reply(res, keep_alive);
                                   });
                      });
    } catch (const std::exception& e) {
      reply(control_error(500, "internal error"), false);
    }
  }

  void reply(const control_response& res, bool keep_alive) {
    out_ = response_bytes(res, keep_alive);
    stream_.expires_after(limits_.idle_timeout);
    asio::async_write(stream_, asio::buffer(out_),
                      [self = shared_from_this(), keep_alive,
                       status = res.status](beast::error_code ec, std::size_t) {
                        if (ec)
                          return fail(ec, "control write");
                        self->handler_.answered(
                          self->target_, status,
                          std::chrono::steady_clock::now() - self->started_);
                        if (keep_alive)
                          return self->do_read();
                        beast::error_code ignored;
                        self->stream_.socket().shutdown(
                          tcp::socket::shutdown_send, ignored);
                        self->do_drain();
                      });
  }

  // Reads what the client still sends (e.g. the rest of an oversized body)
  // until it closes: closing with unread input would send a reset that can
  // destroy the response before the client reads it.
  void do_drain() {
    stream_.expires_after(std::chrono::seconds(1));
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec,
                                                        std::size_t) {
                              if (!ec)
                                self->do_drain();
                            });
  }

  beast::basic_stream<tcp, executor> stream_;
  beast::flat_buffer buffer_;
  std::optional<control_parser> parser_;
  std::string out_;
  std::string target_; // of the request being answered, for answered()
  std::chrono::steady_clock::time_point started_; // it was read whole
  char drain_[1024];
  control_handler& handler_;
  const control_limits& limits_;
};

control_server::control_server(asio::io_context& ioc, control_handler& handler,
                               control_limits limits)
  : listener_(ioc, "control",
              [this](tcp_socket socket) { on_socket(std::move(socket)); }),
    handler_(handler),
    limits_(limits) {
}

boost::system::error_code control_server::listen(const std::string& address,
                                                 std::uint16_t port) {
  return listener_.listen(address, port);
}

std::uint16_t control_server::port() const {
  return listener_.port();
}

void control_server::start() {
  listener_.start();
}

void control_server::stop() {
  listener_.stop();
  for (auto& weak : sessions_)
    if (auto session = weak.lock())
      session->close();
  sessions_.clear();
}

void control_server::on_socket(tcp_socket socket) {
  std::erase_if(sessions_, [](auto& weak) { return weak.expired(); });
  auto session = std::make_shared<control_session>(std::move(socket), handler_,
                                                   limits_);
  sessions_.push_back(session);
  session->start();
}

} // namespace net
