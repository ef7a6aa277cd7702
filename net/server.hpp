// A whole streaming server on a pool of io threads: the listener (on the
// first), the sessions spread round-robin over all of them, and the graceful
// stop on SIGINT/SIGTERM (stop accepting, end every stream with its last
// chunk, force-close what is left after a grace period).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/signal_set.hpp>

#include "net/io_pool.hpp"
#include "net/listener.hpp"
#include "net/server_context.hpp"

namespace net {

class server {
public:
  server(io_pool& pool, server_limits limits, counters& stats,
         stream_handler& handler);
  ~server();

  boost::system::error_code listen(const std::string& address,
                                   std::uint16_t port, bool share_port = false);
  std::uint16_t port() const;

  // Accepts connections and stops on SIGINT or SIGTERM; `on_stop` runs then,
  // on the first io thread (e.g. to stop a control port there).
  void start(std::function<void()> on_stop);

  // Stops as a signal would. First io thread only.
  void stop();

private:
  // The sessions of one io thread and what they share: used on it alone.
  struct shard {
    shard(asio::io_context& ioc, server_limits limits, counters& stats,
          stream_handler& handler);
    asio::io_context& ioc;
    server_context ctx;
    steady_timer drain_timer;
    steady_timer heartbeat_timer; // every half sse-heartbeat
  };
  using time_point = std::chrono::steady_clock::time_point;

  asio::io_context& next_context();
  void on_socket(tcp_socket socket);
  static void admit(server_context& ctx, tcp_socket socket);
  static void drain(shard& s, time_point deadline);
  static void heartbeat(shard& s);

  io_pool& pool_;
  std::vector<std::unique_ptr<shard>> shards_;
  std::size_t next_shard_ = 0;
  listener listener_;
  asio::signal_set signals_;
  std::function<void()> on_stop_;
  bool stopping_ = false;
};

} // namespace net
