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
// feed -> ticker: the feed is ending; drop its pending tick, whose weak
// handle would otherwise keep the actor's memory until the tick is due
using cancel_atom = caf::atom_constant<caf::atom("cancel")>;
// ticker -> itself: time to drop the cancelled entries
using compact_atom = caf::atom_constant<caf::atom("compact")>;
// ticker -> itself: the earliest pending tick may be due
using wake_atom = caf::atom_constant<caf::atom("wake")>;

} // namespace actors
