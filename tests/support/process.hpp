// A real child process for tests: started from a built binary, its stdout and
// stderr captured to a file, killed and reaped when the object goes away. In
// a sanitizer build, a report in its output fails the running test then,
// even if the test never reads the output.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace support {

class child_process {
public:
  // Starts `exe` with `args`; `exe` is a path, e.g. binary("caf-comet").
  child_process(std::string exe, std::vector<std::string> args);
  ~child_process();

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const { return pid_; }

  void signal(int signo);

  // Waits for the process to exit; returns its exit code (128 + signal when it
  // was killed), or nothing when `timeout` passed first.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  // All the process wrote so far to stdout and stderr.
  std::string output() const;

  // Polls output() until it contains `text`; false after `timeout`.
  bool wait_for_output(const std::string& text,
                       std::chrono::milliseconds timeout) const;

  // Resident set size in bytes from /proc, 0 once the process is gone.
  std::uint64_t rss_bytes() const;

private:
  std::string exe_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::string log_path_;
};

// The absolute path of a binary built by this project (see tests/CMakeLists).
std::string binary(const std::string& name);

// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t free_port();

} // namespace support
