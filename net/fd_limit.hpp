// Open files bound how many sockets one process can hold (20,000 here).
#pragma once

#include <cstddef>

namespace net {

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now.
std::size_t raise_fd_limit();

} // namespace net
