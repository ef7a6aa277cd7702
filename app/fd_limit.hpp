// Open files bound how many sockets one process can hold (20,000 here).
#pragma once

#include <cstddef>

namespace app {

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now.
std::size_t raise_fd_limit();

// Descriptors kept back for the listeners, the control port, epoll, stdio and
// the connections that are only accepted to be told 503.
inline constexpr std::size_t reserved_fds = 64;

} // namespace app
