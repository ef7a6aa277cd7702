#include "support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace support {

namespace {

// A head takes up to 4.5 s to stop its workers.
constexpr auto stop_patience = std::chrono::milliseconds(6000);

std::string make_log_path() {
  char tmpl[] = "/tmp/caf-comet-test-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0)
    throw std::runtime_error("mkstemp failed");
  close(fd);
  return tmpl;
}

// How each sanitizer's report begins (UBSan's is "<file>:<line>:<col>:
// runtime error: ..."); GCC's UBSan writes to stderr even when told a
// log_path, so this is where its reports from our children show.
constexpr const char* report_markers[] = {
  "runtime error: ", "ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
  "WARNING: ThreadSanitizer"};

void fail_on_sanitizer_report(const std::string& exe, pid_t pid,
                              const std::string& output) {
  for (const char* marker : report_markers) {
    auto at = output.find(marker);
    if (at == std::string::npos)
      continue;
    auto line = output.rfind('\n', at);
    auto from = line == std::string::npos ? 0 : line + 1;
    ADD_FAILURE() << exe << " (pid " << pid << ") reported:\n"
                  << output.substr(from, 6000);
    return;
  }
}

} // namespace

child_process::child_process(std::string exe, std::vector<std::string> args)
  : exe_(exe), log_path_(make_log_path()) {
  std::vector<char*> argv;
  argv.push_back(exe.data());
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = open(log_path_.c_str(), O_WRONLY | O_APPEND);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

child_process::~child_process() {
  // SIGTERM first, so that a cluster's head stops the workers it started
  // (SIGKILL would leave them running); SIGKILL if that does not end it.
  signal(SIGTERM);
  if (!exit_code_ && !wait_exit(stop_patience)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  fail_on_sanitizer_report(exe_, pid_, output());
  unlink(log_path_.c_str());
}

void child_process::signal(int signo) {
  if (!exit_code_)
    kill(pid_, signo);
}

std::optional<int>
child_process::wait_exit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exit_code_) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status)
                                     : 128 + WTERMSIG(status);
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_code_;
}

std::string child_process::output() const {
  std::ifstream in{log_path_};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool child_process::wait_for_output(const std::string& text,
                                    std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    if (output().find(text) != std::string::npos)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

std::uint64_t child_process::rss_bytes() const {
  std::ifstream statm{"/proc/" + std::to_string(pid_) + "/statm"};
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident))
    return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::string binary(const std::string& name) {
  return std::string{CAF_COMET_BINARY_DIR} + "/" + name;
}

std::uint16_t free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0
      || getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

} // namespace support
