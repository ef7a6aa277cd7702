// The operator's HTTP/1.1 port (keep-alive, JSON bodies). A handful of
// connections at most, so each session may use Beast's full machinery; the
// lean code paths are for the streams.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/system/error_code.hpp>

#include "net/asio_types.hpp"
#include "net/control_handler.hpp"
#include "net/control_limits.hpp"
#include "net/control_reading.hpp"
#include "net/listener.hpp"

namespace net {

class control_session;

class control_server {
public:
  control_server(asio::io_context& ioc, control_handler& handler,
                 control_limits limits = {});

  boost::system::error_code listen(const std::string& address,
                                   std::uint16_t port);
  std::uint16_t port() const;
  void start();

  // Stops accepting and closes every control connection.
  void stop();

private:
  void on_socket(tcp_socket socket);

  listener listener_;
  control_handler& handler_;
  control_limits limits_;
  std::vector<std::weak_ptr<control_session>> sessions_;
};

} // namespace net
