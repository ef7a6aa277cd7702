// caf-comet's settings, through CAF's own configuration machinery: each key of
// config/server.ini can also be given as --<section>.<key>=<value>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor_system_config.hpp>
#include <caf/timespan.hpp>

#include "net/limits.hpp"
#include "router/history.hpp"

namespace app {

class server_config : public caf::actor_system_config {
public:
  server_config();

  std::string address = "0.0.0.0";
  std::uint16_t port = 8000;
  std::size_t max_connections = 1000000;
  caf::timespan tick_interval = std::chrono::seconds(10);
  caf::timespan request_timeout = std::chrono::seconds(10);
  std::size_t max_header_bytes = 8192;
  std::size_t send_queue_limit = 65536;
  std::size_t io_threads = 1;
  caf::timespan memory_trim = std::chrono::seconds(10);

  // [streams]: resuming and keeping SSE and WebSocket clients connected.
  std::size_t history_size = 16;
  caf::timespan history_ttl = std::chrono::seconds(60);
  std::size_t history_max_bytes = 64 << 20;
  caf::timespan sse_heartbeat = std::chrono::seconds(15);
  caf::timespan ws_ping = std::chrono::seconds(30);
  std::size_t ws_max_message = 4096;

  std::string control_address = "127.0.0.1";
  std::uint16_t control_port = 8001;
  std::string control_token; // empty: no Authorization needed
  bool control_debug = false;  // POST /debug/kill, for tests of supervision

  // [cluster]: see config/server.ini.
  std::string cluster_workers = "0"; // "0": one process; N; "auto"
  std::string cluster_join;          // HOST:PORT of a head: run as a worker
  std::string node_address = "127.0.0.1";
  std::uint16_t node_port = 8002;
  std::string cookie;
  std::string node_name;   // a worker's name in /stats ("": a default)
  std::size_t worker_slot = 0; // set by the head on the workers it starts
  caf::timespan send_linger{0}; // how long the head gathers a node's sends

  // Every option, CAF's and ours, for --help.
  std::string help_text() const;

  // An error message for values no server can run with, or "".
  std::string validate() const;

  net::server_limits limits() const;
  router::history_limits history() const;

  // cluster.workers as a count; `fd_cap` is what one process may hold.
  // "auto": enough workers for max-connections with headroom for the
  // kernel's uneven spreading of connections over SO_REUSEPORT listeners.
  std::size_t worker_count(std::size_t fd_cap) const;

  bool is_worker() const { return !cluster_join.empty(); }
};

// "host:port" -> {host, port}; false when it is not of that form.
bool split_host_port(const std::string& text, std::string& host,
                     std::uint16_t& port);

// What the command line asked for before CAF parses the rest.
struct command_line {
  bool help = false;
  bool version = false;
  std::string config_file;       // from --config FILE or --config=FILE
  std::vector<std::string> rest; // handed to CAF
};

command_line split_command_line(int argc, char** argv);

// "10s", "50ms", "1500us"
std::string format_duration(caf::timespan d);

} // namespace app
