// The head's shares of control requests' sends that wait for one node. At
// most one request per node is on its way, and with a linger (the setting
// cluster.send-linger) a share waits until the oldest waiting share has
// waited that long: the shares that come meanwhile go with it, as one
// message. Each message costs the head and the node a round trip through
// CAF's middleman and several thread wake-ups (about 230 µs of CPU between
// them, whatever its size, measured with 56 nodes), so a node that gets
// fewer, larger messages leaves the CPU to the streams.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "router/router_api.hpp"

namespace router {

// One control request's count of connections reached, summed over the
// nodes it waits for; `done` runs once, when the last has answered.
struct send_tally {
  std::size_t left;
  std::function<void(std::uint64_t)> done;
  std::uint64_t reached = 0;
  void add(std::uint64_t n);
};

using send_tally_ptr = std::shared_ptr<send_tally>;

// At most this many shares go in one message: a share is at most one
// control request's body (64 KiB), so a message stays within a few MiB.
constexpr std::size_t max_merged_shares = 64;

class share_queue {
public:
  struct taken {
    std::vector<message_batch> shares;
    std::vector<send_tally_ptr> tallies; // one per share, in order
  };

  using clock = std::chrono::steady_clock;

  void push(message_batch share, send_tally_ptr tally,
            clock::time_point now = clock::now());

  // True when shares wait and the queue is neither held nor busy.
  bool ready() const;

  // When the oldest waiting share came; only when shares wait.
  clock::time_point oldest() const;

  // Holds the queue while its shares linger; release() ends it.
  void hold();

  // Takes what waits (up to max_merged_shares); the queue is busy until
  // release().
  taken take();

  void release();

  // The node is gone: the shares that wait reached nobody.
  void abandon();

private:
  struct waiting_share {
    message_batch share;
    send_tally_ptr tally;
    clock::time_point since;
  };
  std::deque<waiting_share> waiting_;
  bool busy_ = false; // a share lingers, or a message is on its way
};

} // namespace router
