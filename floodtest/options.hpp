// The command line: `floodtest <urls.txt> <wait-ms> [--key=value ...]`.
// CAF's config parses the --key=value part (CAF 0.17 stops at the first
// positional argument, so the positionals are taken out first).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/ip/address_v4.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/timestamp.hpp>

#include "transport.hpp"

namespace floodtest {

class floodtest_config : public caf::actor_system_config {
public:
  floodtest_config();

  // Our options with their defaults; CAF's own --help lists its config-file
  // and dump options too, and says it writes to STDERR.
  std::string help_text() const;

  caf::timespan report_interval = std::chrono::seconds{10};
  caf::timespan duration = caf::timespan{0};
  caf::timespan tick = caf::timespan{0};
  caf::timespan connect_timeout = std::chrono::seconds{10};
  std::string sources;
  std::size_t max_connecting = 1000;
  std::size_t make_urls = 0;
  std::size_t processes = 1;
  std::string slice;
  std::string transport = "chunked";
  bool version = false;
};

// What a run needs, checked and in plain types.
struct run_options {
  std::string url_file;
  std::chrono::milliseconds wait{0};
  std::chrono::nanoseconds report_interval{0};
  std::chrono::nanoseconds duration{0};  // 0: until SIGINT or SIGTERM
  std::chrono::nanoseconds tick{0};      // 0: tick lateness is not measured
  std::chrono::nanoseconds connect_timeout{0};
  std::size_t max_connecting = 0;
  std::vector<boost::asio::ip::address_v4> sources;
  std::size_t processes = 1;
  std::size_t slice_index = 0; // this process takes lines where
  std::size_t slice_count = 1; // (line - 1) % slice_count == slice_index
  floodtest::transport transport = floodtest::transport::chunked;
  // The --key=value arguments as given, minus --processes and --slice: what
  // a child process gets.
  std::vector<std::string> forwarded;

  bool is_child() const { return slice_count > 1; }
};

struct command_line {
  bool run = false;  // false: nothing more to do, exit with exit_code
  int exit_code = 0; // 0 done (help, version, URL list), 2 usage error
  run_options options;
};

// Parses argv into `cfg` and the returned options. Prints help, the version,
// a URL list or a usage error itself.
command_line parse_command_line(floodtest_config& cfg, int argc, char** argv);

} // namespace floodtest
