// The cluster's stream port, held by the head while its workers listen on
// it: bound with SO_REUSEPORT but never listening, so the kernel hands it no
// connection. It makes a port that is in use fail at start, turns port 0
// into a real port for the workers, and keeps the port the service's.
#pragma once

#include <cstdint>
#include <string>

#include <boost/system/error_code.hpp>

#include "net/asio_types.hpp"

namespace net {

// Opens and binds `acceptor` (SO_REUSEADDR; SO_REUSEPORT if `share_port`).
boost::system::error_code bind_acceptor(tcp_acceptor& acceptor,
                                        const std::string& address,
                                        std::uint16_t port, bool share_port);

class port_reservation {
public:
  explicit port_reservation(asio::io_context& ioc);

  boost::system::error_code bind(const std::string& address, std::uint16_t port);
  std::uint16_t port() const;

private:
  tcp_acceptor socket_;
};

} // namespace net
