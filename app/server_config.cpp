#include "app/server_config.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <caf/atom.hpp>
#include <caf/config_option_adder.hpp>

namespace app {

namespace {

// A send lingers at most this long: the control port waits 5 s in all.
constexpr caf::timespan max_send_linger = std::chrono::seconds(1);

} // namespace

server_config::server_config() {
  opt_group{custom_options_, "server"}
    .add(address, "address", "address to listen on")
    .add(port, "port", "port to listen on (0: any free port)")
    .add(max_connections, "max-connections",
         "open connections above which new ones get 503")
    .add(tick_interval, "tick-interval", "time between two chunks of a stream")
    .add(request_timeout, "request-timeout",
         "time allowed to receive a request's headers (else 408)")
    .add(max_header_bytes, "max-header-bytes",
         "largest request head accepted (else 431)")
    .add(send_queue_limit, "send-queue-limit",
         "unsent bytes per connection above which it is closed")
    .add(io_threads, "io-threads",
         "threads that write to sockets; streams are spread over them")
    .add(memory_trim, "memory-trim",
         "how often freed heap pages go back to the system (0s: never)");
  opt_group{custom_options_, "streams"}
    .add(history_size, "history-size",
         "messages kept per id for clients that resume (0: none)")
    .add(history_ttl, "history-ttl", "how long a message is kept for resuming")
    .add(history_max_bytes, "history-max-bytes",
         "bound on all kept messages; past it the oldest go first")
    .add(sse_heartbeat, "sse-heartbeat",
         "an SSE stream quiet this long gets a comment line")
    .add(ws_ping, "ws-ping",
         "a WebSocket quiet this long is pinged; closed if no pong in as long")
    .add(ws_max_message, "ws-max-message",
         "largest message a WebSocket client may send (else close 1009)");
  opt_group{custom_options_, "control"}
    .add(control_address, "address",
         "address of the control port (keep it on loopback)")
    .add(control_port, "port", "control port (0: any free port)")
    .add(control_token, "token",
         "if set, requests need 'Authorization: Bearer <token>'")
    .add(control_debug, "debug",
         "answer POST /debug/kill?actor=ticker|router (tests only)");
  opt_group{custom_options_, "cluster"}
    .add(cluster_workers, "workers",
         "worker processes to start (0: serve alone; N; auto)")
    .add(cluster_join, "join",
         "HOST:PORT of a head's node port: run as a worker of that head")
    .add(node_address, "node-address",
         "where the head publishes its node port (keep it private)")
    .add(node_port, "node-port", "the head's node port (0: any free port)")
    .add(cookie, "cookie", "shared secret a joining worker must present")
    .add(node_name, "node-name", "this worker's name in /stats")
    .add(worker_slot, "slot", "set by the head on the workers it starts")
    .add(send_linger, "send-linger",
         "how long the head gathers sends for one worker into one message");
  // The work-stealing default polls and burns CPU on a 2-core machine; one
  // sharing worker serves 15,000 streams at a third of the cost (measured),
  // and io thread 0 running the actors itself costs less again
  // (app/io_scheduler.hpp).
  set("scheduler.policy", caf::atom("io_thread"));
  set("scheduler.max-threads", 1);
}

namespace {

std::string str(caf::string_view text) {
  return {text.data(), text.size()};
}

} // namespace

std::string server_config::help_text() const {
  std::string out
    = "Usage: caf-comet [--config FILE] [--<section>.<key>=<value> ...]\n"
      "  --config FILE    read settings from FILE (see config/server.ini)\n"
      "  --version        print the version and exit\n"
      "  --help           print this help and exit\n"
      "  --dump-config    print the effective configuration and exit\n";
  // Ours and the CAF sections that matter to this server. CAF's own help
  // lines (which say STDERR) and the sections of its network, OpenCL and SSL
  // modules, which caf-comet does not load, would only mislead.
  for (std::string_view section :
       {"server", "streams", "control", "cluster", "scheduler", "logger"}) {
    out += "\n";
    out += section;
    out += " options:\n";
    for (auto& opt : custom_options_) {
      if (str(opt.category()) != section)
        continue;
      auto flag = "  --" + str(opt.category()) + "." + str(opt.long_name());
      if (!opt.is_flag())
        flag += "=<" + str(opt.type_name()) + ">";
      flag.resize(std::max<std::size_t>(flag.size() + 1, 46), ' ');
      out += flag + str(opt.description()) + "\n";
    }
  }
  out += "\nscheduler.policy defaults to 'io_thread' here: the actors run on io"
         "\nthread 0 ('sharing' with scheduler.max-threads=1: on CAF's own worker).\n";
  return out;
}

std::string server_config::validate() const {
  // A routed message's time is kept to the ms and read back within ±24 days.
  if (tick_interval < std::chrono::milliseconds(1)
      || tick_interval > std::chrono::hours(24))
    return "server.tick-interval must be 1ms to 24h";
  if (memory_trim < caf::timespan::zero())
    return "server.memory-trim must not be negative";
  if (request_timeout <= caf::timespan::zero())
    return "server.request-timeout must be positive";
  if (max_header_bytes < 256)
    return "server.max-header-bytes must be at least 256";
  if (send_queue_limit < 1024)
    return "server.send-queue-limit must be at least 1024";
  if (history_ttl <= caf::timespan::zero())
    return "streams.history-ttl must be positive";
  if (sse_heartbeat < std::chrono::seconds(1))
    return "streams.sse-heartbeat must be at least 1s";
  if (ws_ping < std::chrono::milliseconds(100))
    return "streams.ws-ping must be at least 100ms";
  if (ws_max_message < 125)
    return "streams.ws-max-message must be at least 125";
  if (max_connections == 0)
    return "server.max-connections must be at least 1";
  if (io_threads == 0 || io_threads > 64)
    return "server.io-threads must be 1 to 64";
  if (cluster_workers != "auto"
      && cluster_workers.find_first_not_of("0123456789") != std::string::npos)
    return "cluster.workers must be a number or auto";
  if (cluster_workers.size() > 4)
    return "cluster.workers must be at most 9999";
  if (send_linger < caf::timespan::zero()
      || send_linger > max_send_linger)
    return "cluster.send-linger must be 0s to 1s";
  std::string host;
  std::uint16_t port = 0;
  if (is_worker() && !split_host_port(cluster_join, host, port))
    return "cluster.join must be HOST:PORT";
  if (is_worker() && worker_count(1) != 0)
    return "cluster.join and cluster.workers exclude each other";
  return {};
}

std::size_t server_config::worker_count(std::size_t fd_cap) const {
  // A worker is filled to this share of its open-files cap at most: the
  // kernel hashes connections over the listeners, so some get more.
  constexpr double spreading_headroom = 0.9;
  if (cluster_workers != "auto")
    return cluster_workers.empty() ? 0 : std::stoul(cluster_workers);
  auto per_worker = static_cast<double>(fd_cap) * spreading_headroom;
  return std::max<std::size_t>(
    1, static_cast<std::size_t>(
         std::ceil(static_cast<double>(max_connections) / per_worker)));
}

bool split_host_port(const std::string& text, std::string& host,
                     std::uint16_t& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return false;
  auto digits = text.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos)
    return false;
  auto value = std::stoul(digits);
  if (value == 0 || value > 65535)
    return false;
  host = text.substr(0, colon);
  port = static_cast<std::uint16_t>(value);
  return true;
}

net::server_limits server_config::limits() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  return {max_connections, duration_cast<milliseconds>(request_timeout),
          max_header_bytes, send_queue_limit,
          duration_cast<milliseconds>(sse_heartbeat),
          duration_cast<milliseconds>(ws_ping), ws_max_message};
}

router::history_limits server_config::history() const {
  return {history_size,
          std::chrono::duration_cast<std::chrono::milliseconds>(history_ttl),
          history_max_bytes};
}

command_line split_command_line(int argc, char** argv) {
  command_line result;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "-?")
      result.help = true;
    else if (arg == "--version")
      result.version = true;
    else if (arg == "--config" && i + 1 < argc)
      result.config_file = argv[++i];
    else if (arg.starts_with("--config="))
      result.config_file = arg.substr(9);
    else
      result.rest.push_back(std::move(arg));
  }
  return result;
}

std::string format_duration(caf::timespan d) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  if (us % 1000000 == 0)
    return std::to_string(us / 1000000) + "s";
  if (us % 1000 == 0)
    return std::to_string(us / 1000) + "ms";
  return std::to_string(us) + "us";
}

} // namespace app
