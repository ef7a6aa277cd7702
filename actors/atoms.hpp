// Messages between the stream actors and the shared ticker (CAF 0.17 atoms:
// text of at most 10 characters).
#pragma once

#include <caf/atom.hpp>

namespace actors {

// ticker -> feed: {tick_atom, generation, due}: your interval passed; the
// generation it was set for and when it was due (steady clock, ns).
using tick_atom = caf::atom_constant<caf::atom("tick")>;
// feed -> ticker: {schedule_atom, generation, after}: tick me one interval
// after `after` (a due time from a tick, so ticks do not drift), or after
// now when `after` is 0 (a routed message restarts the interval).
using schedule_atom = caf::atom_constant<caf::atom("schedule")>;
// ticker -> itself: the earliest pending tick may be due
using wake_atom = caf::atom_constant<caf::atom("wake")>;

} // namespace actors
