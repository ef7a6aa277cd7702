// One peer of a guarded_relay: its socket, the backend's, and the bytes in
// flight between them. Only its pending operations keep it alive. The first
// error or end on either side closes both: the two connections are one.
#pragma once

#include <array>
#include <memory>
#include <string>

#include <boost/system/error_code.hpp>

#include "net/guarded_relay.hpp"

namespace net {

class relay_pipe : public std::enable_shared_from_this<relay_pipe> {
public:
  relay_pipe(tcp_socket peer, std::shared_ptr<const relay_rules> rules);

  void start(const tcp::endpoint& backend);

private:
  // One direction of the relay: one read, then one write, in flight.
  struct pump {
    tcp_socket* from;
    tcp_socket* to;
    std::array<char, 16384> bytes;
  };

  void on_connect(boost::system::error_code ec);
  void read_opening();
  void on_opening(boost::system::error_code ec, std::size_t n);
  void refuse(const std::string& reason);
  void do_read(pump& p);
  void do_write(pump& p, std::size_t n);
  void do_close();

  tcp_socket peer_;
  tcp_socket backend_;
  steady_timer opening_deadline_;
  std::shared_ptr<const relay_rules> rules_;
  tcp::endpoint peer_endpoint_;
  std::string opening_;     // the peer's bytes until the check decides
  bool checked_ = false;    // the opening was accepted
  pump to_peer_{&backend_, &peer_, {}};
  pump to_backend_{&peer_, &backend_, {}};
};

} // namespace net
