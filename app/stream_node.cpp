#include "app/stream_node.hpp"

#include <unistd.h>

#include <csignal>
#include <iostream>
#include <map>
#include <optional>

#include <boost/asio/post.hpp>
#include <caf/actor_system.hpp>
#include <caf/send.hpp>

#include "actors/feed_spawner.hpp"
#include "actors/ticker.hpp"
#include "app/debug_control.hpp"
#include "app/distribution.hpp"
#include "app/exit_codes.hpp"
#include "app/io_scheduler.hpp"
#include "app/listening.hpp"
#include "app/memory_trim.hpp"
#include "app/vital_actors.hpp"
#include "net/control_server.hpp"
#include "net/io_pool.hpp"
#include "net/server.hpp"
#include "router/control_api.hpp"
#include "router/head_link.hpp"
#include "router/node_agent.hpp"
#include "router/router.hpp"

namespace app {

namespace {

namespace asio = boost::asio;

// Descriptors kept back for the listeners, the control port, stdio, the
// node port and the connections that are only accepted to be told 503; and
// per io thread, its context's epoll, eventfd and timerfd.
constexpr std::size_t reserved_fds = 64;
constexpr std::size_t fds_per_io_thread = 3;

net::server_limits capped_limits(const server_config& cfg, std::size_t fds) {
  auto limits = cfg.limits();
  auto fd_cap = stream_capacity(cfg, fds);
  if (limits.max_connections > fd_cap) {
    // A worker takes what its process can hold; the head sized the cluster.
    if (!cfg.is_worker())
      std::cerr << "caf-comet: warning: server.max-connections="
                << limits.max_connections
                << " exceeds what the open-files limit (" << fds
                << ") allows; capping at " << fd_cap
                << " (raise ulimit -n or run a cluster: cluster.workers)\n";
    limits.max_connections = fd_cap;
  }
  return limits;
}

std::string node_name(const server_config& cfg) {
  if (cfg.worker_slot != 0)
    return "w" + std::to_string(cfg.worker_slot);
  if (!cfg.node_name.empty())
    return cfg.node_name;
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  return std::string{host} + "-" + std::to_string(getpid());
}


} // namespace

std::size_t stream_capacity(const server_config& cfg, std::size_t fds) {
  auto reserved = reserved_fds + fds_per_io_thread * cfg.io_threads;
  return fds > reserved ? fds - reserved : 1;
}

int run_stream_node(server_config& cfg, std::size_t fds) {
  bool worker = cfg.is_worker();
  if (worker) {
    enable_distribution(cfg, node_role::worker);
    // The head's pipe for our output may close (head killed): keep serving.
    std::signal(SIGPIPE, SIG_IGN);
  }
  auto limits = capped_limits(cfg, fds);
  // The io threads' contexts outlive the actor system: actors may still hold
  // sessions.
  net::io_pool io{cfg.io_threads};
  bool on_io_thread = schedule_on_io_thread(cfg, io.at(0));
  caf::actor_system system{cfg};
  actors_alone_at_exit actors_alone{system};
  net::counters stats;
  auto ticker = system.spawn(actors::ticker, cfg.tick_interval,
                             &stats.tick_lateness);
  auto router = system.spawn(router::local_router, cfg.history(), worker);
  actors::feed_spawner spawner{system, ticker, router};
  net::server server{io, limits, stats, spawner};
  std::vector<caf::actor> actors{caf::actor_cast<caf::actor>(ticker),
                                 caf::actor_cast<caf::actor>(router)};
  auto stop_actors = [&] {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  };
  if (!listening(server.listen(cfg.address, cfg.port, worker), cfg.address,
                 cfg.port, "streams")) {
    stop_actors();
    return exit_cannot_serve;
  }
  auto address = cfg.address + ":" + std::to_string(server.port());
  auto name = node_name(cfg);
  auto agent = system.spawn(router::node_agent, router, actors[0], &stats,
                            name, address);
  actors.push_back(caf::actor_cast<caf::actor>(agent));
  std::optional<router::control_api> api;
  std::optional<debug_control> debug;
  std::optional<net::control_server> control;
  int exit_code = exit_ok;
  std::map<std::string, caf::actor> vital{{"ticker", actors[0]},
                                          {"router", actors[1]}};
  actors.push_back(watch_vital_actors(
    system, {vital.begin(), vital.end()}, [&](const std::string& why) {
      asio::post(io.at(0), [&, why] {
        std::cerr << "caf-comet: " << why << "; stopping with exit code "
                  << exit_actor_lost << " so that a supervisor restarts it\n";
        exit_code = exit_actor_lost;
        server.stop();
      });
    }));
  if (worker) {
    router::head_link_config link;
    split_host_port(cfg.cluster_join, link.host, link.port);
    link.cookie = cfg.cookie;
    link.self = {name, address, getpid(),
                 static_cast<std::uint32_t>(cfg.worker_slot)};
    link.on_refused = [&] {
      asio::post(io.at(0), [&] {
        exit_code = exit_usage;
        server.stop();
      });
    };
    actors.push_back(system.spawn(router::head_link, std::move(link), agent, router));
  } else {
    api.emplace(system, agent, router, cfg.control_token, false);
    if (cfg.control_debug)
      debug.emplace(*api, cfg.control_token, vital);
    control.emplace(io.at(0), debug ? static_cast<net::control_handler&>(*debug)
                                    : *api);
    if (!listening(control->listen(cfg.control_address, cfg.control_port),
                   cfg.control_address, cfg.control_port, "control")) {
      stop_actors();
      return exit_cannot_serve;
    }
    control->start();
  }
  memory_trimmer trimmer{
    io.at(0), std::chrono::duration_cast<std::chrono::milliseconds>(cfg.memory_trim)};
  trimmer.start();
  server.start([&control, &trimmer, &system] {
    pause_actor_clock(system);
    trimmer.stop();
    if (control)
      control->stop();
  });
  auto threads = " threads: io=" + std::to_string(io.size()) + " caf="
                 + (on_io_thread ? std::string{"io0"}
                                 : std::to_string(caf::get_or(
                                   cfg, "scheduler.max-threads", size_t{1})));
  if (worker)
    std::cout << "caf-comet worker " << name << " listening on " << address
              << " head=" << cfg.cluster_join;
  else
    std::cout << "caf-comet listening on " << address << " control="
              << cfg.control_address << ':' << control->port();
  std::cout << " tick=" << format_duration(cfg.tick_interval)
            << " max-connections=" << limits.max_connections << threads
            << std::endl;
  io.run();
  run_actors_alone(system);
  stop_actors();
  system.await_all_actors_done();
  std::cout << "caf-comet stopped" << std::endl;
  return exit_code;
}

} // namespace app
