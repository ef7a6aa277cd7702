// Messages between the stream actors and the shared ticker (CAF 0.17 atoms:
// text of at most 10 characters).
#pragma once

#include <caf/atom.hpp>

namespace actors {

// ticker -> feed: your interval passed (carries the generation it was set for)
using tick_atom = caf::atom_constant<caf::atom("tick")>;
// feed -> ticker: tick me one interval from now (carries a generation)
using schedule_atom = caf::atom_constant<caf::atom("schedule")>;
// ticker -> itself: the earliest pending tick may be due
using wake_atom = caf::atom_constant<caf::atom("wake")>;

} // namespace actors
