#include "children.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "summary.hpp"

namespace floodtest {

namespace {

namespace asio = boost::asio;

struct child {
  pid_t pid = -1;
  std::unique_ptr<asio::posix::stream_descriptor> output; // its stdout
  std::string pending;           // output not yet split into lines
  std::optional<summary> latest; // its last Stats line
  std::optional<summary> final;  // its JSON summary, once it printed it
  bool reported = false;         // a Stats line came in the current round
  bool gone = false;             // its output ended
};

std::string own_executable() {
  char path[PATH_MAX];
  auto n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : "floodtest";
}

// Starts one child whose stdout is a pipe to us. The child keeps no other
// descriptor of ours: 20,000 is all it has for its sockets.
pid_t spawn(const std::vector<std::string>& args, int& read_end) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return -1;
  std::vector<char*> argv;
  for (const auto& arg : args)
    argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close_range(3, ~0U, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  if (pid < 0)
    close(fds[0]);
  read_end = fds[0];
  return pid;
}

class parent {
public:
  explicit parent(const run_options& options) : options_(options) {
  }

  int run() {
    if (!start_children())
      return 2;
    signals_.async_wait([this](auto ec, int signo) { on_signal(ec, signo); });
    for (auto& c : children_)
      do_read(c);
    context_.run();
    return finish();
  }

private:
  bool start_children() {
    auto count = options_.processes;
    auto exe = own_executable();
    children_.reserve(count); // the read handlers hold references into it
    for (std::size_t i = 0; i < count; ++i) {
      // Each child opens 1/K of the URLs, so it waits K times as long to
      // keep the overall pace of one URL per wait.
      std::vector<std::string> args{exe, options_.url_file,
                                    std::to_string(options_.wait.count()
                                                   * count)};
      args.insert(args.end(), options_.forwarded.begin(),
                  options_.forwarded.end());
      args.push_back("--slice=" + std::to_string(i) + "/"
                     + std::to_string(count));
      int read_end = -1;
      auto pid = spawn(args, read_end);
      if (pid < 0) {
        std::perror("floodtest: cannot start a child process");
        stop_children(SIGTERM);
        return false;
      }
      auto& c = children_.emplace_back();
      c.pid = pid;
      c.output = std::make_unique<asio::posix::stream_descriptor>(context_,
                                                                  read_end);
    }
    return true;
  }

  void do_read(child& c) {
    asio::async_read_until(*c.output, asio::dynamic_buffer(c.pending), '\n',
                           [this, &c](auto ec, std::size_t n) {
                             on_read(c, ec, n);
                           });
  }

  void on_read(child& c, const boost::system::error_code& ec, std::size_t n) {
    if (ec) {
      c.gone = true;
      if (std::all_of(children_.begin(), children_.end(),
                      [](const child& x) { return x.gone; }))
        signals_.cancel();
      return;
    }
    auto line = c.pending.substr(0, n);
    c.pending.erase(0, n);
    on_line(c, line);
    do_read(c);
  }

  void on_line(child& c, const std::string& line) {
    if (auto stats = parse_stats_line(line)) {
      c.latest = stats;
      c.reported = true;
      print_round_if_complete();
    } else if (!line.empty() && line.front() == '{') {
      auto j = nlohmann::json::parse(line, nullptr, false);
      c.final = summary::from_json(j);
    } else {
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fflush(stdout);
    }
  }

  // Children report at the same pace; a round is complete when each one
  // that still runs has reported once.
  void print_round_if_complete() {
    summary total;
    for (auto& c : children_) {
      if (!c.reported && !c.final && !c.gone)
        return;
      if (auto& s = c.final ? c.final : c.latest)
        total.merge(*s);
    }
    for (auto& c : children_)
      c.reported = false;
    std::cout << total.stats_line() << std::endl;
  }

  void on_signal(const boost::system::error_code& ec, int signo) {
    if (ec)
      return;
    stop_children(signo);
    signals_.async_wait([this](auto ec, int signo) { on_signal(ec, signo); });
  }

  void stop_children(int signo) {
    for (auto& c : children_)
      if (!c.gone)
        kill(c.pid, signo);
  }

  int finish() {
    int exit_code = 0;
    summary total;
    for (auto& c : children_) {
      int status = 0;
      waitpid(c.pid, &status, 0);
      int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
      exit_code = std::max(exit_code, code);
      if (c.final)
        total.merge(*c.final);
      else if (c.latest)
        total.merge(*c.latest);
    }
    std::cout << total.stats_line() << '\n'
              << total.to_json().dump() << std::endl;
    return exit_code;
  }

  const run_options& options_;
  asio::io_context context_{1};
  asio::signal_set signals_{context_, SIGINT, SIGTERM};
  std::vector<child> children_;
};

} // namespace

int run_children(const run_options& options) {
  return parent{options}.run();
}

} // namespace floodtest
