#include "app/head.hpp"

#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/send.hpp>

#include "app/basp_opening.hpp"
#include "app/distribution.hpp"
#include "app/exit_codes.hpp"
#include "app/listening.hpp"
#include "app/worker_supervisor.hpp"
#include "net/control_server.hpp"
#include "net/guarded_relay.hpp"
#include "net/io_pool.hpp"
#include "net/port_reservation.hpp"
#include "router/cluster_service.hpp"
#include "router/control_api.hpp"

namespace app {

namespace {

namespace asio = boost::asio;

constexpr const char* loopback = "127.0.0.1";

// Where the workers started here reach the node port.
std::string local_join_address(const server_config& cfg, std::uint16_t port) {
  bool any = cfg.node_address == "0.0.0.0" || cfg.node_address == "::";
  return (any ? std::string{"127.0.0.1"} : cfg.node_address) + ":"
         + std::to_string(port);
}

} // namespace

int run_head(server_config& cfg, std::size_t workers,
             std::vector<std::string> options) {
  enable_distribution(cfg, node_role::head);
  net::io_pool io{1};
  auto& ioc = io.at(0);
  net::port_reservation stream_port{ioc};
  if (!listening(stream_port.bind(cfg.address, cfg.port), cfg.address,
                 cfg.port, "streams"))
    return exit_cannot_serve;
  // The head's actors keep CAF's own worker: 'io_thread' is the stream
  // nodes' (app/io_scheduler.hpp).
  if (caf::get_or(cfg, "scheduler.policy", caf::atom("sharing"))
      == caf::atom("io_thread"))
    cfg.set("scheduler.policy", caf::atom("sharing"));
  caf::actor_system system{cfg};
  std::unique_ptr<worker_supervisor> supervisor;
  router::node_events events{
    [&](const router::node_info& n) {
      asio::post(ioc, [&, n] { supervisor->joined(n); });
    },
    [&](const router::node_info& n) {
      asio::post(ioc, [&, n] { supervisor->left(n); });
    }};
  auto node_address = cfg.node_address + ":" + std::to_string(cfg.node_port);
  auto service = system.spawn(
    router::cluster_service, events, node_address, cfg.history(),
    std::chrono::duration_cast<std::chrono::milliseconds>(cfg.send_linger));
  auto gate = system.spawn(router::cluster_gate, cfg.cookie, service);
  auto stop_actors = [&] {
    caf::anon_send_exit(gate, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(service, caf::exit_reason::user_shutdown);
  };
  // The middleman listens on loopback only, behind the node port's guard.
  auto backend = system.middleman().publish(gate, 0, loopback, true);
  if (!backend) {
    report_listen_failure(system.render(backend.error()), loopback, 0,
                          "node port backend");
    stop_actors();
    return exit_cannot_serve;
  }
  net::guarded_relay guard{
    ioc, {asio::ip::make_address(loopback), *backend}, check_basp_opening,
    [&](const net::tcp::endpoint& peer, const std::string& reason) {
      std::ostringstream who;
      who << peer;
      caf::anon_send(service, router::refused_atom::value,
                     who.str() + ": " + reason);
    }};
  auto service_handle = caf::actor_cast<router::service_api>(service);
  router::control_api api{system, service_handle, service_handle,
                          cfg.control_token, true};
  net::control_server control{ioc, api};
  if (!listening(guard.listen(cfg.node_address, cfg.node_port),
                 cfg.node_address, cfg.node_port, "node port")
      || !listening(control.listen(cfg.control_address, cfg.control_port),
                    cfg.control_address, cfg.control_port, "control")) {
    stop_actors();
    return exit_cannot_serve;
  }
  auto node_port = guard.port();
  auto exe = std::filesystem::read_symlink("/proc/self/exe").string();
  auto join = local_join_address(cfg, node_port);
  auto port = std::to_string(stream_port.port());
  supervisor = std::make_unique<worker_supervisor>(
    ioc, workers,
    [&](std::size_t slot) {
      std::vector<std::string> argv{exe};
      argv.insert(argv.end(), options.begin(), options.end());
      // Last, so they win over the same keys in `options`.
      for (std::string opt : {std::string{"--cluster.workers=0"},
                              "--cluster.join=" + join,
                       "--cluster.slot=" + std::to_string(slot),
                       "--server.port=" + port})
        argv.push_back(opt);
      return argv;
    },
    [&](std::size_t slot, std::uint32_t restarts) {
      caf::anon_send(service, router::restarted_atom::value,
                     static_cast<std::uint32_t>(slot), restarts);
    });
  int exit_code = exit_ok;
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  auto stop = [&] {
    boost::system::error_code ec;
    signals.cancel(ec);
    guard.stop();
    control.stop();
    supervisor->stop([&](bool all_clean) {
      if (!all_clean) {
        std::cerr << "caf-comet: not every worker stopped cleanly\n";
        exit_code = exit_cannot_serve;
      }
      io.release();
      ioc.stop();
    });
  };
  signals.async_wait([&](boost::system::error_code ec, int signo) {
    if (ec)
      return;
    std::cerr << "caf-comet: " << (signo == SIGINT ? "SIGINT" : "SIGTERM")
              << ": stopping every worker\n";
    stop();
  });
  guard.start();
  control.start();
  std::cerr << "caf-comet: head " << getpid() << " on node port "
            << cfg.node_address << ':' << node_port << ", starting "
            << workers << " workers\n";
  supervisor->start(
    [&] {
      std::cout << "caf-comet listening on " << cfg.address << ':' << port
                << " control=" << cfg.control_address << ':' << control.port()
                << " tick=" << format_duration(cfg.tick_interval)
                << " max-connections=" << cfg.max_connections
                << " cluster: workers=" << workers << " node="
                << cfg.node_address << ':' << node_port << std::endl;
    },
    [&](const std::string& why) {
      std::cerr << "caf-comet: cannot serve: " << why << '\n';
      exit_code = exit_cannot_serve;
      stop();
    });
  io.run();
  stop_actors();
  system.await_all_actors_done();
  std::cout << "caf-comet stopped" << std::endl;
  return exit_code;
}

} // namespace app
