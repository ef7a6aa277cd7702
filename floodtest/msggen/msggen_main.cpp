// msggen: the article's Part 2 message generator. It sends POST /send to
// caf-comet's control port at a steady rate, to random ids, each message
// stamped with its send time so that floodtest can time its delivery. main
// wires options -> control endpoint -> connections -> io thread -> summary.
#include <csignal>
#include <exception>
#include <iostream>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "msggen_options.hpp"
#include "msggen_sender.hpp"

namespace {

using namespace floodtest;
namespace asio = boost::asio;

// 0: the run ended (see "failed"); 1: not one request succeeded, or an
// unexpected error; 2: bad usage.
constexpr int exit_ok = 0;
constexpr int exit_nothing_sent = 1;
constexpr int exit_usage = 2;

int run(const msggen_options& opt) {
  asio::io_context ioc{1};
  asio::ip::tcp::resolver resolver{ioc};
  boost::system::error_code ec;
  auto found = resolver.resolve(opt.control.host,
                                std::to_string(opt.control.port), ec);
  if (ec || found.empty()) {
    std::cerr << "msggen: cannot resolve '" << opt.control.host
              << "': " << ec.message() << '\n';
    return exit_usage;
  }
  // IPv4 first: "localhost" may also name ::1, where caf-comet's default
  // control address does not listen.
  auto endpoint = found.begin()->endpoint();
  for (const auto& entry : found)
    if (entry.endpoint().address().is_v4()) {
      endpoint = entry.endpoint();
      break;
    }
  msggen_plan plan{opt, endpoint};
  std::vector<std::shared_ptr<msggen_sender>> senders;
  for (std::size_t i = 0; i < opt.connections; ++i)
    senders.push_back(std::make_shared<msggen_sender>(ioc, plan, i));
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  signals.async_wait([&](auto error, int) {
    if (error)
      return;
    plan.stop_now();
    for (auto& sender : senders)
      sender->stop();
  });
  plan.when_done([&signals] { signals.cancel(); });
  for (auto& sender : senders)
    sender->start();
  ioc.run();
  plan.close_window();
  auto& totals = plan.totals();
  std::cout << totals.human_line() << '\n' << totals.to_json().dump() << std::endl;
  return totals.ok == 0 && totals.requests > 0 ? exit_nothing_sent : exit_ok;
}

} // namespace

int main(int argc, char** argv) {
  try {
    msggen_config cfg;
    auto cmd = parse_msggen_command_line(cfg, argc, argv);
    if (!cmd.run)
      return cmd.exit_code;
    return run(cmd.options);
  } catch (const std::exception& e) {
    std::cerr << "msggen: " << e.what() << '\n';
    return exit_nothing_sent;
  }
}
