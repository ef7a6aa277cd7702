// The head's worker processes, one per slot (w1 ... wK): started, restarted
// with a growing back-off when they die, and stopped with SIGTERM. A worker
// left running by an earlier head (killed with -9) joins again with its slot
// and is adopted instead of started anew: the head waits adopt_window for
// such workers (longer once one has joined) before it starts the missing
// ones. Runs on one io thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "router/cluster_api.hpp"

namespace app {

class worker_supervisor {
public:
  using clock = std::chrono::steady_clock;
  // argv of a worker without its slot, e.g. {exe, --config, f, --cluster.join=...}
  using command_for_slot = std::function<std::vector<std::string>(std::size_t)>;
  // Called with a slot's restart count whenever it grows.
  using restart_report = std::function<void(std::size_t slot, std::uint32_t)>;

  worker_supervisor(boost::asio::io_context& ioc, std::size_t workers,
                    command_for_slot command, restart_report on_restart);
  ~worker_supervisor();

  // Starts the workers; `ready` once each slot's worker joined, `failed` when
  // a worker dies before that (e.g. it cannot listen): the service cannot run.
  void start(std::function<void()> ready,
             std::function<void(std::string)> failed);

  // From the cluster service (posted to this thread).
  void joined(const router::node_info& node);
  void left(const router::node_info& node);

  // SIGTERM to every worker; `done` once all exited (SIGKILL after
  // stop_timeout). Returns whether every worker it started exited with 0.
  void stop(std::function<void(bool all_clean)> done);

private:
  struct slot;

  bool adopted_any() const;
  void start_missing();
  // Starts the slots no worker joined, then fails if not all join in time.
  void start_missing_and_wait();
  void start_slot(std::size_t i);
  void watch_children();
  void reap();
  void on_exit(slot& s, int status);
  void check_stopped();

  boost::asio::io_context& ioc_;
  command_for_slot command_;
  restart_report on_restart_;
  std::vector<std::unique_ptr<slot>> slots_; // slot i + 1 at index i
  std::set<pid_t> strays_; // a second worker that claimed a taken slot
  boost::asio::signal_set sigchld_;
  boost::asio::steady_timer timer_;
  std::function<void()> ready_;
  std::function<void(std::string)> failed_;
  std::function<void(bool)> stopped_;
  clock::time_point stop_deadline_;
  bool all_clean_ = true;
  bool is_ready_ = false;
};

} // namespace app
