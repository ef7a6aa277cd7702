// A front for a port whose own server neither says why it drops a peer nor
// lets us count it (CAF's node port closes garbage silently). Each peer's
// opening bytes must pass a check before anything it sends reaches the
// backend; a refused peer is closed and reported, and after the opening the
// bytes flow both ways untouched. The backend speaks first on its own: the
// relay forwards the backend's bytes from the moment it connects.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/system/error_code.hpp>

#include "net/asio_types.hpp"
#include "net/listener.hpp"
#include "net/opening_check.hpp"

namespace net {

// A refused peer, with the reason; called on the io thread.
using refusal_handler =
  std::function<void(const tcp::endpoint& peer, const std::string& reason)>;

// What every peer's pipe consults; shared so that a pipe may outlive the relay.
struct relay_rules {
  opening_check check;
  refusal_handler on_refused;
};

class guarded_relay {
public:
  guarded_relay(asio::io_context& ioc, tcp::endpoint backend,
                opening_check check, refusal_handler on_refused);

  boost::system::error_code listen(const std::string& address,
                                   std::uint16_t port);
  std::uint16_t port() const;

  void start();
  void stop();

private:
  tcp::endpoint backend_;
  std::shared_ptr<const relay_rules> rules_;
  listener listener_;
};

} // namespace net
