// Messages between the stream actors and the shared ticker (CAF 0.17 atoms:
// text of at most 10 characters).
#pragma once

#include <chrono>
#include <cstdint>

#include <caf/atom.hpp>

namespace actors {

// Times in these messages: steady-clock ns since its epoch.
inline std::int64_t message_time(std::chrono::steady_clock::time_point t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}

inline std::chrono::steady_clock::time_point from_message_time(std::int64_t ns) {
  return std::chrono::steady_clock::time_point{
    std::chrono::steady_clock::duration{ns}};
}

// ticker -> an actor that is not a tick_target (a feed is called instead):
// {tick_atom, due}: your interval passed; when it was due (steady clock, ns).
using tick_atom = caf::atom_constant<caf::atom("tick")>;
// feed -> ticker: {schedule_atom, after}: tick me one interval after `after`
// (steady clock, ns: a due time, so ticks do not drift, or a routed message's
// time, which restarts the interval), or after now when `after` is 0.
using schedule_atom = caf::atom_constant<caf::atom("schedule")>;
// feed -> ticker: the feed is ending; drop its pending tick, whose weak
// handle would otherwise keep the actor's memory until the tick is due
using cancel_atom = caf::atom_constant<caf::atom("cancel")>;
// ticker -> itself: time to drop the cancelled entries
using compact_atom = caf::atom_constant<caf::atom("compact")>;
// ticker -> itself: the earliest pending tick may be due
using wake_atom = caf::atom_constant<caf::atom("wake")>;
// anyone -> ticker: {stats_atom} -> (pending entries, cancelled set's size).
// The same atom as the router's, so one node agent asks both alike.
using stats_atom = caf::atom_constant<caf::atom("stats")>;

} // namespace actors
