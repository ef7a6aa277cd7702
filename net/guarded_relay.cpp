#include "net/guarded_relay.hpp"

#include "net/relay_pipe.hpp"

namespace net {

guarded_relay::guarded_relay(asio::io_context& ioc, tcp::endpoint backend,
                             opening_check check, refusal_handler on_refused)
  : backend_(std::move(backend)),
    rules_(std::make_shared<const relay_rules>(
      relay_rules{std::move(check), std::move(on_refused)})),
    listener_(ioc, "node port", [this](tcp_socket socket) {
      std::make_shared<relay_pipe>(std::move(socket), rules_)->start(backend_);
    }) {
}

boost::system::error_code guarded_relay::listen(const std::string& address,
                                                std::uint16_t port) {
  return listener_.listen(address, port);
}

std::uint16_t guarded_relay::port() const {
  return listener_.port();
}

void guarded_relay::start() {
  listener_.start();
}

void guarded_relay::stop() {
  listener_.stop();
}

} // namespace net
