// caf-comet: wires config -> actor system -> server -> run.
#include <fstream>
#include <iostream>

#include <malloc.h>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>

#include "actors/feed_spawner.hpp"
#include "actors/ticker.hpp"
#include "app/server_config.hpp"
#include "net/control_server.hpp"
#include "net/fd_limit.hpp"
#include "net/io_pool.hpp"
#include "net/server.hpp"
#include "router/control_api.hpp"
#include "router/router.hpp"

namespace {

// Exit codes: 0 normal stop, 1 cannot serve (e.g. port in use), 2 bad usage.
constexpr int exit_ok = 0;
constexpr int exit_cannot_serve = 1;
constexpr int exit_usage = 2;

// Descriptors kept back for the listeners, the control port, stdio and the
// connections that are only accepted to be told 503; and per io thread, its
// context's epoll, eventfd and timerfd.
constexpr std::size_t reserved_fds = 64;
constexpr std::size_t fds_per_io_thread = 3;

} // namespace

int main(int argc, char** argv) {
  // One malloc arena for all threads: with one per io thread, each arena
  // fragments on its own (measured: ~40 B more per connection at 18,000
  // streams with 2 io threads); the per-thread caches keep locking rare.
  mallopt(M_ARENA_MAX, 1);
  app::server_config cfg;
  auto cli = app::split_command_line(argc, argv);
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
  if (auto err = cfg.parse(std::move(cli.rest), config_file)) {
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
  auto limits = cfg.limits();
  auto reserved = reserved_fds + fds_per_io_thread * cfg.io_threads;
  auto fd_cap = fds > reserved ? fds - reserved : 1;
  if (limits.max_connections > fd_cap) {
    std::cerr << "caf-comet: warning: server.max-connections="
              << limits.max_connections << " exceeds what the open-files limit ("
              << fds << ") allows; capping at " << fd_cap
              << " (raise ulimit -n or run several processes)\n";
    limits.max_connections = fd_cap;
  }
  // The io threads' contexts outlive the actor system: actors may still hold
  // sessions.
  net::io_pool io{cfg.io_threads};
  caf::actor_system system{cfg};
  net::counters stats;
  auto ticker = system.spawn(actors::ticker, cfg.tick_interval);
  auto router = system.spawn(router::local_router);
  auto stop_actors = [&] {
    caf::anon_send_exit(ticker, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(router, caf::exit_reason::user_shutdown);
  };
  actors::feed_spawner spawner{system, ticker, router};
  net::server server{io, limits, stats, spawner};
  router::control_api api{system, router, stats, cfg.control_token};
  net::control_server control{io.at(0), api};
  auto listen = [&](auto& endpoint, const std::string& address,
                    std::uint16_t port, const char* what) {
    if (auto ec = endpoint.listen(address, port)) {
      std::cerr << "caf-comet: cannot listen on " << address << ':' << port
                << " (" << what << "): " << ec.message() << '\n';
      return false;
    }
    return true;
  };
  if (!listen(server, cfg.address, cfg.port, "streams")
      || !listen(control, cfg.control_address, cfg.control_port, "control")) {
    stop_actors();
    return exit_cannot_serve;
  }
  control.start();
  server.start([&control] { control.stop(); });
  std::cout << "caf-comet listening on " << cfg.address << ':' << server.port()
            << " control=" << cfg.control_address << ':' << control.port()
            << " tick=" << app::format_duration(cfg.tick_interval)
            << " max-connections=" << limits.max_connections
            << " threads: io=" << io.size() << " caf="
            << caf::get_or(cfg, "scheduler.max-threads", size_t{1})
            << std::endl;
  io.run();
  stop_actors();
  system.await_all_actors_done();
  std::cout << "caf-comet stopped" << std::endl;
  return exit_ok;
}
