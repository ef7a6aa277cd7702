// The receiver actor of the seed's floodtest: it owns the counters. The io
// side tells it what happened (stream starts, chunks, ends, errors) in
// batches; it prints "Closed: <reason>" per ended stream, a Stats line when
// the timer asks, and the final Stats line and JSON summary at the end.
#pragma once

#include <chrono>
#include <cstdint>

#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "events.hpp"
#include "summary.hpp"

namespace floodtest {

struct receiver_settings {
  std::uint32_t tick_ms = 0; // 0: lateness is not measured
  // A child of --processes: its parent prints the final Stats line, and
  // merges histograms, so the JSON carries them.
  bool child = false;
};

struct receiver_state {
  summary totals;
  receiver_settings settings;
  std::chrono::steady_clock::time_point started_at;
  // After the summary nothing more is printed: it must be the last line.
  bool finished = false;

  static inline const char* name = "receiver";
};

caf::behavior receiver(caf::stateful_actor<receiver_state>* self,
                       receiver_settings settings);

} // namespace floodtest
