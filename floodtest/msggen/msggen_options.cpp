#include "msggen_options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <vector>

#include <caf/config_option_adder.hpp>

#include "cli.hpp"

namespace floodtest {

namespace {

constexpr const char* usage =
  "Usage: msggen [--rate=1000] [--ids=1-10000] [--control=http://127.0.0.1:8001]\n"
  "              [--duration=60s] [--connections=4] [--batch=1] [--token=...]\n"
  "Sends POST /send {\"id\":\"<random id>\",\"msg\":\"t=<epoch us>;...\"} to "
  "caf-comet's\ncontrol port at a steady rate, as the article's Part 2 "
  "generator did, and\nprints the achieved rate, ok/failed, delivered and "
  "the answer latency.\n";

msggen_command_line usage_error(const std::string& message) {
  std::cerr << "msggen: " << message << "\n"
            << usage << "Try 'msggen --help'.\n";
  return {false, 2, {}};
}

// "1-10000" or a single "42".
bool parse_ids(const std::string& text, msggen_options& out) {
  auto dash = text.find('-');
  std::string_view view{text};
  if (dash == std::string::npos) {
    out.last_id = out.first_id = 0;
    return parse_uint(view, out.first_id) && parse_uint(view, out.last_id);
  }
  return parse_uint(view.substr(0, dash), out.first_id)
         && parse_uint(view.substr(dash + 1), out.last_id)
         && out.first_id <= out.last_id;
}

} // namespace

msggen_config::msggen_config() {
  // No actors run here; CAF is only the option parser.
  opt_group{custom_options_, "global"}
    .add(rate, "rate", "messages per second over all connections (default: 1000)")
    .add(ids, "ids", "ids to send to, drawn at random: FIRST-LAST or one id\n"
                     "                                (default: 1-10000)")
    .add(control, "control",
         "caf-comet's control port (default: http://127.0.0.1:8001)")
    .add(duration, "duration",
         "stop sending after this long; 0s: at SIGINT/SIGTERM (default: 60s)")
    .add(connections, "connections",
         "keep-alive connections, one request in flight on each\n"
         "                                (default: 4)")
    .add(batch, "batch",
         "messages per POST /send, sent as {\"messages\":[...]} when\n"
         "                                above 1; the rate stays messages per "
         "second\n"
         "                                (default: 1, at most "
         + std::to_string(max_batch_messages) + ")")
    .add(token, "token", "sent as 'Authorization: Bearer <token>' if given")
    .add(msg_bytes, "msg-bytes",
         "pad each message to this many bytes (default: 0, no padding)")
    .add(timeout, "timeout",
         "limit for connecting and for each answer (default: 5s)")
    .add(version, "version", "print the version and exit");
}

std::string msggen_config::help_text() const {
  std::string text = usage;
  text += "\nOptions (--key=value):\n";
  text += global_options_help(custom_options_);
  text += "  --help                        this text\n"
          "At the end: one human line, then one JSON line (rate_asked,\n"
          "rate_achieved, requests, posts, ok, failed, delivered,\n"
          "latency_p50_ms, latency_p99_ms, ...). Counts are of messages; posts\n"
          "counts the POSTs, and the latencies are per POST. Exit codes: 0 the\n"
          "run ended, 1 not one request succeeded, 2 usage error.\n";
  return text;
}

msggen_command_line parse_msggen_command_line(msggen_config& cfg, int argc,
                                              char** argv) {
  std::vector<std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "-?" || arg == "--help" || arg == "--long-help") {
      std::cout << cfg.help_text();
      return {false, 0, {}};
    }
    if (arg.size() < 2 || arg[0] != '-')
      return usage_error("unexpected argument '" + arg
                         + "' (options are --key=value)");
    flags.push_back(with_zero_unit(std::move(arg), {"duration", "timeout"}));
  }
  if (auto err = cfg.parse(flags))
    return usage_error(describe_parse_error(err));
  if (cfg.cli_helptext_printed)
    return {false, 0, {}};
  if (cfg.version) {
    std::cout << "msggen " << CAF_COMET_VERSION << "\n";
    return {false, 0, {}};
  }
  msggen_command_line result{true, 0, {}};
  auto& opt = result.options;
  if (!std::isfinite(cfg.rate) || cfg.rate <= 0 || cfg.rate > 1e6)
    return usage_error("--rate must be above 0 and at most 1000000");
  if (!parse_ids(cfg.ids, opt))
    return usage_error("--ids must be FIRST-LAST (FIRST <= LAST) or one "
                       "number, not '" + cfg.ids + "'");
  std::string why;
  if (!parse_url(cfg.control, opt.control, why))
    return usage_error("--control '" + cfg.control + "': " + why);
  if (cfg.duration.count() < 0)
    return usage_error("--duration must not be negative");
  if (cfg.connections == 0 || cfg.connections > 1000)
    return usage_error("--connections must be 1 to 1000");
  if (cfg.batch == 0 || cfg.batch > max_batch_messages)
    return usage_error("--batch must be 1 to "
                       + std::to_string(max_batch_messages)
                       + " (the control port's limit)");
  if (cfg.msg_bytes > max_msg_bytes)
    return usage_error("--msg-bytes must be at most "
                       + std::to_string(max_msg_bytes)
                       + " (the control port's limit)");
  if (std::any_of(cfg.token.begin(), cfg.token.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
      }))
    return usage_error("--token must not contain spaces or control characters");
  if (cfg.timeout.count() <= 0)
    return usage_error("--timeout must be positive");
  opt.rate = cfg.rate;
  opt.duration = cfg.duration;
  opt.connections = cfg.connections;
  opt.batch = cfg.batch;
  opt.token = cfg.token;
  opt.msg_bytes = cfg.msg_bytes;
  opt.timeout = cfg.timeout;
  return result;
}

} // namespace floodtest
