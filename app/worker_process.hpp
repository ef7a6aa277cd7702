// One worker process started by the head: the same binary with the head's
// options plus what makes it a worker. Its stdout and stderr come through a
// pipe and reach the head's stderr line by line, each prefixed "[name] ".
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace app {

// Starts `argv` (argv[0] is the executable's path). Returns the pid, or -1
// with errno set when it cannot start.
pid_t start_worker_process(boost::asio::io_context& ioc,
                           const std::vector<std::string>& argv,
                           const std::string& name);

} // namespace app
