// One actor that times every stream's interval, instead of one delayed_send
// per stream: CAF 0.17's delayed messages cannot be cancelled, cost ~0.3 KB
// each and keep their receiver alive, and one clock thread serves them all
// (as measured here). Each stream has exactly one pending tick; a
// routed message does not reschedule it (the feed moves the tick on when it
// comes). A tick asked for one interval after the last is due after every
// pending one: those wait in a queue, in due order, at O(1) each. Only those
// that come out of order (one interval after a routed message) go in a
// min-heap by due time; the next tick is the earlier of the two fronts.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_set>

#include <caf/actor_addr.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/timespan.hpp>

#include "net/latency_histogram.hpp"

namespace actors {

// A stream the ticker times without a message: when its interval has passed,
// the ticker calls on_tick in its own thread (a feed handles its messages in
// the sender's thread anyway) and re-arms the stream itself. That spares two
// mailbox elements and one ticker message per chunk, most of a chunk's cost
// in user space.
class tick_target {
public:
  // `due`: when the tick was due (message_time). Returns the time the next
  // interval runs from (a due time or a routed message's time, as
  // {schedule_atom, after} takes), or nullopt when the stream has ended.
  // Must not throw.
  virtual std::optional<std::int64_t> on_tick(std::int64_t due) noexcept = 0;

protected:
  ~tick_target() = default;
};

// Cancelled entries are dropped in one pass over the queue at most this often,
// so a churn of closing streams costs O(1) each, amortized.
inline constexpr auto compact_delay = std::chrono::milliseconds(500);

struct ticker_state {
  struct entry {
    caf::actor_addr target; // weak: a closed stream must not stay alive
    std::chrono::steady_clock::time_point due;
  };
  // One entry per stream, in one of the two. Deques, not vectors: they grow
  // in small blocks instead of reallocating (and leaving freed megabytes in
  // the heap) at every doubling.
  std::deque<entry> in_order; // due times never decrease
  std::deque<entry> pending;  // a min-heap by due time
  // Streams that ended before their tick; their entries go in one pass.
  std::unordered_set<caf::actor_id> cancelled;
  caf::timespan interval{};
  // When the wake-up asked for will come (steady clock ns), 0: none. A wake
  // for another time is stale: an earlier tick asked for a sooner one.
  std::int64_t wake_at = 0;
  bool compact_armed = false;
  net::latency_histogram* lateness = nullptr; // each tick's send after its
                                              // due time; null: not timed
  static inline const char* name = "ticker";
};

// Handles {schedule_atom, after} from a feed actor: one interval after
// `after` (or now), calls its on_tick when it is a tick_target, and re-arms
// it as on_tick says; any other actor is sent {tick_atom, due} and asks again.
// {cancel_atom} from a feed drops its pending tick within compact_delay.
// {stats_atom} -> (pending entries, cancelled set's size): the pending ones
// are one per open stream, plus those of streams ended within compact_delay
// (until then also counted in the cancelled set), less those whose tick is
// on its way to the stream.
// `lateness` (may be null) must outlive the actor.
caf::behavior ticker(caf::stateful_actor<ticker_state>* self,
                     caf::timespan interval, net::latency_histogram* lateness);

} // namespace actors
