// A caf-comet cluster on loopback for tests: the real head started with
// --cluster.workers=K on free ports (stream, control, node), its workers'
// pids and figures read from /stats, and helpers to open streams over the
// shared port and to start a worker by hand with --cluster.join.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_fixture.hpp"

namespace cluster_test {

using namespace std::chrono_literals;

// A cluster starts its workers after the head's adopt window: allow for it.
inline constexpr auto startup = std::chrono::milliseconds(15000);

struct cluster_options {
  int workers = 3;
  std::string tick_interval = "100ms";
  std::vector<std::string> extra = {};
  std::uint16_t port = 0, control_port = 0, node_port = 0; // 0: free ones
};

// One worker as /stats lists it.
struct node_figures {
  pid_t pid = 0;
  std::string address;
  std::int64_t connections = 0, ids = 0, restarts = 0;
};

class cluster {
public:
  explicit cluster(cluster_options options = {});

  app_test::comet_server& head() { return *head_; }
  std::uint16_t port() const { return head_->port(); }
  std::uint16_t control_port() const { return head_->control_port(); }
  std::uint16_t node_port() const { return node_port_; }
  const cluster_options& options() const { return options_; }

  nlohmann::json stats() const { return head_->stats(); }
  // The workers by name ("w1", ...), without the head; empty on failure.
  std::map<std::string, node_figures> nodes() const;
  // Waits until the nodes hold `ids` ids and the head's directory has them.
  bool wait_for_ids(std::int64_t ids,
                    std::chrono::milliseconds timeout = app_test::patience) const;

private:
  cluster_options options_;
  std::uint16_t node_port_;
  std::unique_ptr<app_test::comet_server> head_;
};

// `n` streams /test/<prefix>1 ... each with its welcome read.
std::vector<std::unique_ptr<app_test::stream_client>>
open_streams(std::uint16_t port, const std::string& prefix, int n);

// A worker started by hand: --cluster.join=127.0.0.1:<node port>, streams on
// `address`:<a free port>; `extra` e.g. a cookie. Waits for its ready line
// unless `wait_ready` is false.
class hand_worker {
public:
  hand_worker(const cluster& c, const std::string& address,
              std::vector<std::string> extra = {}, bool wait_ready = true);
  support::child_process& process() { return *process_; }
  std::uint16_t port() const { return port_; }

private:
  std::uint16_t port_;
  std::unique_ptr<support::child_process> process_;
};

} // namespace cluster_test
