// caf-comet: reads the configuration, then runs this process in its role:
// the whole service alone, a cluster's head, or one of its workers.
#include <fstream>
#include <iostream>

#include <malloc.h>

#include "app/exit_codes.hpp"
#include "app/head.hpp"
#include "app/server_config.hpp"
#include "app/stream_node.hpp"
#include "net/fd_limit.hpp"

int main(int argc, char** argv) {
  using namespace app;
  // One malloc arena for all threads: with one per io thread, each arena
  // fragments on its own (measured: ~40 B more per connection at 18,000
  // streams with 2 io threads); the per-thread caches keep locking rare.
  mallopt(M_ARENA_MAX, 1);
  server_config cfg;
  auto cli = split_command_line(argc, argv);
  if (cli.help) {
    std::cout << cfg.help_text() << std::flush;
    return exit_ok;
  }
  if (cli.version) {
    std::cout << "caf-comet " CAF_COMET_VERSION " (CAF 0.17, Boost.Beast)\n";
    return exit_ok;
  }
  const char* config_file = nullptr;
  if (!cli.config_file.empty()) {
    if (!std::ifstream{cli.config_file}) {
      std::cerr << "caf-comet: cannot read config file " << cli.config_file << '\n';
      return exit_usage;
    }
    config_file = cli.config_file.c_str();
  }
  if (auto err = cfg.parse(cli.rest, config_file)) {
    std::cerr << "caf-comet: bad configuration: " << cfg.render(err) << '\n'
              << "(caf-comet --help lists every option)\n";
    return exit_usage;
  }
  // CAF handled --dump-config (or --long-help) itself: nothing to serve.
  if (cfg.cli_helptext_printed)
    return exit_ok;
  if (auto problem = cfg.validate(); !problem.empty()) {
    std::cerr << "caf-comet: bad configuration: " << problem << '\n';
    return exit_usage;
  }
  auto fds = net::raise_fd_limit();
  if (cfg.is_worker())
    return run_stream_node(cfg, fds);
  if (auto workers = cfg.worker_count(stream_capacity(cfg, fds)); workers > 0)
    return run_head(cfg, workers, std::vector<std::string>(argv + 1, argv + argc));
  return run_stream_node(cfg, fds);
}
