#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>

#include <caf/config_option_adder.hpp>

#include "cli.hpp"

#include "source_addresses.hpp"
#include "url.hpp"

namespace floodtest {

namespace {

constexpr const char* usage =
  "Usage: floodtest <urls.txt> <wait-ms> [options]\n"
  "       floodtest --make-urls=<N> <base-url> > urls.txt\n"
  "Opens one streaming GET per URL line, one every <wait-ms> (0: as fast as\n"
  "possible), and prints Stats: {Active,Closed,Chunks} every report "
  "interval.\n";

command_line usage_error(const std::string& message) {
  std::cerr << "floodtest: " << message << "\n"
            << usage << "Try 'floodtest --help'.\n";
  return {false, 2, {}};
}

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool parse_slice(const std::string& text, run_options& out) {
  auto slash = text.find('/');
  std::uint64_t index = 0;
  std::uint64_t count = 0;
  if (slash == std::string::npos || !parse_uint(text.substr(0, slash), index)
      || !parse_uint(text.substr(slash + 1), count) || count == 0
      || index >= count)
    return false;
  out.slice_index = index;
  out.slice_count = count;
  return true;
}

} // namespace

floodtest_config::floodtest_config() {
  // The default work-stealing scheduler polls and burns CPU; floodtest's
  // actors are few and mostly idle.
  set("scheduler.policy", caf::atom("sharing"));
  set("scheduler.max-threads", 1);
  opt_group{custom_options_, "global"}
    .add(report_interval, "report-interval",
         "time between Stats lines (default: 10s)")
    .add(duration, "duration",
         "stop after this long; 0s: at SIGINT/SIGTERM (default: 0s)")
    .add(tick, "tick",
         "the server's tick; given, tick lateness is measured (e.g. 1s)")
    .add(connect_timeout, "connect-timeout",
         "limit for connecting and the response head (default: 10s)")
    .add(sources, "sources",
         "local addresses to connect from, round-robin, e.g.\n"
         "                                127.0.0.1-127.0.0.20 or 127.0.0.1,127.0.0.2\n"
         "                                (default: the kernel chooses)")
    .add(max_connecting, "max-connecting",
         "streams connecting at once, at most (default: 1000)")
    .add(make_urls, "make-urls",
         "print <base-url>1 ... <base-url>N, one a line, and exit")
    .add(processes, "processes",
         "split the URL list over this many child processes, each\n"
         "                                on every K-th line; the pace stays one "
         "URL per wait\n"
         "                                overall (default: 1)")
    .add(transport, "transport",
         "chunked (the seed's stream), sse or ws: each URL's\n"
         "                                /test/<Id> is asked as /sse/<Id> "
         "(Server-Sent Events)\n"
         "                                or /ws/<Id> (a WebSocket) "
         "(default: chunked)")
    .add(slice, "slice", "internal: i/K, this process takes every K-th line")
    .add(version, "version", "print the version and exit");
}

std::string floodtest_config::help_text() const {
  std::string text = usage;
  text += "\nOptions (--key=value):\n";
  text += global_options_help(custom_options_);
  text += "  --help                        this text\n"
          "CAF's options (e.g. --scheduler.max-threads=2) work too.\n";
  return text;
}

command_line parse_command_line(floodtest_config& cfg, int argc, char** argv) {
  std::vector<std::string> positionals;
  std::vector<std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "-?" || arg == "--help" || arg == "--long-help") {
      std::cout << cfg.help_text();
      return {false, 0, {}};
    }
    if (arg.size() > 1 && arg[0] == '-')
      flags.push_back(with_zero_unit(std::move(arg), {"duration", "report-interval",
                                                      "tick", "connect-timeout"}));
    else
      positionals.push_back(std::move(arg));
  }
  if (auto err = cfg.parse(flags))
    return usage_error(describe_parse_error(err));
  if (cfg.cli_helptext_printed)
    return {false, 0, {}};
  if (cfg.version) {
    std::cout << "floodtest " << CAF_COMET_VERSION << "\n";
    return {false, 0, {}};
  }
  if (cfg.make_urls > 0) {
    http_url url;
    std::string why;
    if (positionals.size() != 1)
      return usage_error("--make-urls needs exactly one base URL");
    if (!parse_url(positionals[0] + "1", url, why))
      return usage_error("bad base URL '" + positionals[0] + "': " + why);
    write_url_list(positionals[0], cfg.make_urls, std::cout);
    std::cout.flush();
    return {false, std::cout ? 0 : 1, {}};
  }
  if (positionals.size() != 2)
    return usage_error("expected <urls.txt> <wait-ms>");
  command_line result{true, 0, {}};
  auto& opt = result.options;
  opt.url_file = positionals[0];
  std::uint64_t wait_ms = 0;
  if (!parse_uint(positionals[1], wait_ms))
    return usage_error("<wait-ms> must be a whole number, not '"
                       + positionals[1] + "'");
  opt.wait = std::chrono::milliseconds{wait_ms};
  if (!std::ifstream{opt.url_file})
    return usage_error("cannot read URL file '" + opt.url_file + "'");
  std::string why;
  if (!parse_sources(cfg.sources, opt.sources, why))
    return usage_error("--sources: " + why);
  if (cfg.processes == 0 || cfg.processes > 1000)
    return usage_error("--processes must be 1 to 1000");
  if (!cfg.slice.empty() && !parse_slice(cfg.slice, opt))
    return usage_error("--slice must be i/K with i < K");
  if (cfg.report_interval.count() < 0 || cfg.duration.count() < 0
      || cfg.tick.count() < 0 || cfg.connect_timeout.count() <= 0)
    return usage_error("durations must be positive");
  if (cfg.max_connecting == 0)
    return usage_error("--max-connecting must be at least 1");
  auto transport = parse_transport(cfg.transport);
  if (!transport)
    return usage_error("--transport must be chunked, sse or ws, not '"
                       + cfg.transport + "'");
  opt.report_interval = cfg.report_interval;
  opt.duration = cfg.duration;
  opt.tick = cfg.tick;
  opt.connect_timeout = cfg.connect_timeout;
  opt.max_connecting = cfg.max_connecting;
  opt.processes = cfg.processes;
  opt.transport = *transport;
  for (auto& flag : flags)
    if (!starts_with(flag, "--processes=") && !starts_with(flag, "--slice="))
      opt.forwarded.push_back(flag);
  return result;
}

} // namespace floodtest
