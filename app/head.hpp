// The head of a cluster on this host: publishes the gate on the node port,
// holds the directory and the control port, starts and supervises the
// worker processes that serve the streams on the shared stream port.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/server_config.hpp"

namespace app {

// `workers` > 0; `options`: the command line as given (without argv[0]),
// handed on to every worker. Runs until SIGINT/SIGTERM; returns the exit code.
int run_head(server_config& cfg, std::size_t workers,
             std::vector<std::string> options);

} // namespace app
