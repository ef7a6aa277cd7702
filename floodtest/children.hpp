// --processes=K: one process holds at most ~19,000 sockets here (20,000 open
// files), so larger floods run K children, each on every K-th URL line. The
// children print their Stats lines into a pipe; the parent sums them into one
// Stats line per round and one JSON summary at the end.
#pragma once

#include "options.hpp"

namespace floodtest {

// Runs the flood in options.processes children and returns the exit code.
int run_children(const run_options& options);

} // namespace floodtest
