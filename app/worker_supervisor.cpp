#include "app/worker_supervisor.hpp"

#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <iostream>

#include "app/worker_process.hpp"

namespace app {

namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

// Orphaned workers retry joining every 250 ms: three tries fit in this.
constexpr auto adopt_window = milliseconds(750);
// Once an orphan has joined, the other slots' orphans are likely alive too,
// only slower to join on a busy machine: they get this long in all.
constexpr auto adopt_window_with_orphans = milliseconds(3000);
// Every worker must have joined within this, or the head gives up.
constexpr auto startup_timeout = std::chrono::seconds(30);
// The first restart waits restart_base; each crash within crash_window
// doubles it, up to restart_max.
constexpr auto restart_base = milliseconds(200);
constexpr auto restart_max = milliseconds(10000);
constexpr auto crash_window = std::chrono::seconds(60);
// Workers get their 3 s grace period and a little more; the whole stop stays
// under the 5 s a service manager allows.
constexpr auto stop_timeout = milliseconds(4500);
constexpr auto stop_poll = milliseconds(20);
// An adopted worker's node went down: time for init to reap it if it died.
constexpr auto adopted_exit_check = milliseconds(100);

std::string slot_name(std::size_t slot) {
  return "w" + std::to_string(slot);
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status))
    return "killed by signal " + std::to_string(WTERMSIG(status));
  return "exited with " + std::to_string(WEXITSTATUS(status));
}

} // namespace

struct worker_supervisor::slot {
  slot(asio::io_context& ioc, std::size_t number)
    : number(number), restart_timer(ioc) {
  }
  std::size_t number;         // 1..K
  pid_t pid = 0;              // the worker now in the slot, 0: none
  bool child = false;         // started by this head (else adopted)
  bool joined = false;
  std::uint32_t restarts = 0;
  std::deque<clock::time_point> crashes; // within crash_window
  asio::steady_timer restart_timer;
};

worker_supervisor::worker_supervisor(asio::io_context& ioc, std::size_t workers,
                                     command_for_slot command,
                                     restart_report on_restart)
  : ioc_(ioc),
    command_(std::move(command)),
    on_restart_(std::move(on_restart)),
    sigchld_(ioc, SIGCHLD),
    timer_(ioc) {
  for (std::size_t i = 1; i <= workers; ++i)
    slots_.push_back(std::make_unique<slot>(ioc, i));
}

worker_supervisor::~worker_supervisor() = default;

void worker_supervisor::start(std::function<void()> ready,
                              std::function<void(std::string)> failed) {
  ready_ = std::move(ready);
  failed_ = std::move(failed);
  watch_children();
  timer_.expires_after(adopt_window);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec)
      return;
    if (!adopted_any())
      return start_missing_and_wait();
    timer_.expires_after(adopt_window_with_orphans - adopt_window);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec)
        start_missing_and_wait();
    });
  });
}

bool worker_supervisor::adopted_any() const {
  for (auto& s : slots_)
    if (s->pid != 0 && !s->child)
      return true;
  return false;
}

void worker_supervisor::start_missing_and_wait() {
  start_missing();
  timer_.expires_after(startup_timeout);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec && !is_ready_)
      failed_("the workers did not all join within "
              + std::to_string(startup_timeout.count()) + " s");
  });
}

void worker_supervisor::start_missing() {
  for (auto& s : slots_)
    if (s->pid == 0)
      start_slot(s->number);
}

void worker_supervisor::start_slot(std::size_t number) {
  auto& s = *slots_[number - 1];
  auto pid = start_worker_process(ioc_, command_(number), slot_name(number));
  if (pid < 0) {
    std::cerr << "caf-comet: cannot start worker " << slot_name(number) << ": "
              << std::strerror(errno) << '\n';
    return;
  }
  s.pid = pid;
  s.child = true;
  s.joined = false;
}

void worker_supervisor::joined(const router::node_info& node) {
  if (node.slot == 0 || node.slot > slots_.size())
    return; // joined by hand: its operator supervises it
  auto& s = *slots_[node.slot - 1];
  if (s.pid != 0 && s.pid != node.pid) {
    strays_.insert(static_cast<pid_t>(node.pid));
    return;
  }
  if (s.pid == 0) {
    std::cerr << "caf-comet: adopted worker " << node.name << " (pid "
              << node.pid << ") left running by an earlier head\n";
    s.pid = static_cast<pid_t>(node.pid);
    s.child = false;
    s.restart_timer.cancel();
  }
  s.joined = true;
  if (is_ready_)
    return;
  for (auto& x : slots_)
    if (!x->joined)
      return;
  is_ready_ = true;
  ready_();
}

void worker_supervisor::left(const router::node_info& node) {
  if (node.slot == 0 || node.slot > slots_.size())
    return;
  auto& s = *slots_[node.slot - 1];
  if (s.pid != node.pid)
    return;
  s.joined = false;
  // A child is restarted when it exits (SIGCHLD). An adopted worker cannot be
  // waited for: once its init has reaped it, its departure is its exit; if it
  // lives on, it only lost its link and joins again.
  if (s.child || stopped_)
    return;
  s.restart_timer.expires_after(adopted_exit_check);
  s.restart_timer.async_wait([this, &s, pid = s.pid](boost::system::error_code ec) {
    if (!ec && !stopped_ && s.pid == pid && !s.joined && kill(pid, 0) != 0)
      on_exit(s, 0);
  });
}

void worker_supervisor::watch_children() {
  sigchld_.async_wait([this](boost::system::error_code ec, int) {
    if (ec)
      return;
    reap();
    watch_children();
  });
}

void worker_supervisor::reap() {
  int status = 0;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
    for (auto& s : slots_)
      if (s->child && s->pid == pid)
        on_exit(*s, status);
}

void worker_supervisor::on_exit(slot& s, int status) {
  s.pid = 0;
  s.joined = false;
  if (stopped_) {
    all_clean_ = all_clean_ && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return;
  }
  auto name = slot_name(s.number);
  if (!is_ready_)
    return failed_("worker " + name + " " + describe_exit(status)
                   + " before it joined");
  auto now = clock::now();
  while (!s.crashes.empty() && now - s.crashes.front() > crash_window)
    s.crashes.pop_front();
  s.crashes.push_back(now);
  auto delay = std::min<milliseconds>(
    restart_max, restart_base * (1 << std::min<std::size_t>(s.crashes.size() - 1, 10)));
  ++s.restarts;
  on_restart_(s.number, s.restarts);
  std::cerr << "caf-comet: worker " << name << " " << describe_exit(status)
            << "; restarting it in " << delay.count() << " ms\n";
  s.restart_timer.expires_after(delay);
  s.restart_timer.async_wait([this, number = s.number](boost::system::error_code ec) {
    if (!ec && !stopped_ && slots_[number - 1]->pid == 0)
      start_slot(number);
  });
}

void worker_supervisor::stop(std::function<void(bool)> done) {
  if (stopped_)
    return;
  stopped_ = std::move(done);
  timer_.cancel();
  for (auto& s : slots_) {
    s->restart_timer.cancel();
    if (s->pid != 0)
      kill(s->pid, SIGTERM);
  }
  for (auto pid : strays_)
    kill(pid, SIGTERM);
  stop_deadline_ = clock::now() + stop_timeout;
  check_stopped();
}

void worker_supervisor::check_stopped() {
  reap();
  bool left = false;
  for (auto& s : slots_) {
    if (s->pid != 0 && !s->child && kill(s->pid, 0) != 0)
      s->pid = 0; // an adopted worker is gone: no exit status to read
    left = left || s->pid != 0;
  }
  if (left && clock::now() < stop_deadline_) {
    timer_.expires_after(stop_poll);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec)
        check_stopped();
    });
    return;
  }
  if (left) {
    std::cerr << "caf-comet: workers still running after "
              << stop_timeout.count() << " ms: killing them\n";
    for (auto& s : slots_)
      if (s->pid != 0)
        kill(s->pid, SIGKILL);
    all_clean_ = false;
  }
  boost::system::error_code ec;
  sigchld_.cancel(ec);
  stopped_(all_clean_);
}

} // namespace app
