// A whole streaming server on one io_context: the listener, the sessions'
// shared context, and the graceful stop on SIGINT/SIGTERM (stop accepting,
// end every stream with its last chunk, force-close what is left after a
// grace period).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <boost/asio/signal_set.hpp>

#include "net/listener.hpp"
#include "net/server_context.hpp"

namespace net {

class server {
public:
  server(asio::io_context& ioc, server_limits limits, counters& stats,
         stream_handler& handler);

  boost::system::error_code listen(const std::string& address,
                                   std::uint16_t port);
  std::uint16_t port() const;

  // Accepts connections and stops on SIGINT or SIGTERM; `on_stop` runs then
  // (e.g. to stop a control port on the same io_context).
  void start(std::function<void()> on_stop);

  // Stops as a signal would.
  void stop();

private:
  // Admits a new connection below the cap, answers 503 above it.
  void on_socket(tcp_socket socket);
  void check_drained();

  server_context ctx_;
  listener listener_;
  asio::signal_set signals_;
  steady_timer drain_timer_;
  std::chrono::steady_clock::time_point deadline_;
  std::function<void()> on_stop_;
  bool stopping_ = false;
};

} // namespace net
