// One actor that times every stream's interval, instead of one delayed_send
// per stream: CAF 0.17's delayed messages cannot be cancelled, cost ~0.3 KB
// each and keep their receiver alive, and one clock thread serves them all
// (see the measured costs). Every stream uses the same interval, so due times
// arrive in order and a FIFO queue is the whole timer wheel.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <unordered_set>

#include <caf/actor_addr.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/timespan.hpp>

namespace actors {

// Cancelled entries are dropped in one pass over the queue at most this often,
// so a churn of closing streams costs O(1) each, amortized.
inline constexpr auto compact_delay = std::chrono::milliseconds(500);

struct ticker_state {
  struct entry {
    caf::actor_addr target; // weak: a closed stream must not stay alive
    std::chrono::steady_clock::time_point due;
    std::uint32_t generation; // echoed back so the feed can spot stale ticks
  };
  std::deque<entry> pending; // due times ascend, but for the few ms a
                             // drift-free schedule may be behind "now"
  // Streams that ended before their tick; their entries go in one pass.
  std::unordered_set<caf::actor_id> cancelled;
  caf::timespan interval{};
  bool wake_armed = false;
  bool compact_armed = false;
  static inline const char* name = "ticker";
};

// Handles {schedule_atom, generation, after} from a feed actor: sends it
// {tick_atom, generation, due} one interval after `after` (or now).
// {cancel_atom} from a feed drops its pending tick within compact_delay.
caf::behavior ticker(caf::stateful_actor<ticker_state>* self,
                     caf::timespan interval);

} // namespace actors
