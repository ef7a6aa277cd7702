// A process that serves streams: the whole service when alone (with the
// control port), or one worker of a cluster (SO_REUSEPORT on the shared
// stream port, no control port, a link to the head for routing).
#pragma once

#include <cstddef>

#include "app/server_config.hpp"

namespace app {

// Runs until SIGINT/SIGTERM; returns the exit code. `fds`: the open-files
// limit of this process.
int run_stream_node(server_config& cfg, std::size_t fds);

// How many streams one process can hold under the open-files limit `fds`.
std::size_t stream_capacity(const server_config& cfg, std::size_t fds);

} // namespace app
