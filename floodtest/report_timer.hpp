// The timer process of the seed's floodtest: every report interval it asks
// the receiver to print its Stats line.
#pragma once

#include <chrono>
#include <cstdint>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/timestamp.hpp>

namespace floodtest {

struct report_timer_state {
  // Beats are due at origin + n * interval, so reports do not drift by the
  // time each round takes.
  std::chrono::steady_clock::time_point origin;
  std::int64_t beats = 0;

  static inline const char* name = "report-timer";
};

caf::behavior report_timer(caf::stateful_actor<report_timer_state>* self,
                           caf::timespan interval, caf::actor receiver);

} // namespace floodtest
