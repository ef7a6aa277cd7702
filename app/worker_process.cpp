#include "app/worker_process.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>

namespace app {

namespace {

namespace asio = boost::asio;

// Copies a child's output to our stderr with its name in front of each line;
// lives as long as its pending read, i.e. until the pipe is closed.
class output_relay : public std::enable_shared_from_this<output_relay> {
public:
  output_relay(asio::io_context& ioc, int fd, std::string name)
    : pipe_(ioc, fd), prefix_("[" + std::move(name) + "] ") {
  }

  void do_read() {
    asio::async_read_until(pipe_, buffer_, '\n',
                           [self = shared_from_this()](
                             boost::system::error_code ec, std::size_t n) {
                             self->on_read(ec, n);
                           });
  }

private:
  void on_read(boost::system::error_code ec, std::size_t n) {
    if (ec)
      return; // the child is gone (EOF) or the head is stopping
    std::string line(asio::buffers_begin(buffer_.data()),
                     asio::buffers_begin(buffer_.data()) + n);
    buffer_.consume(n);
    std::cerr << prefix_ << line << std::flush;
    do_read();
  }

  asio::posix::stream_descriptor pipe_;
  asio::streambuf buffer_;
  std::string prefix_;
};

} // namespace

pid_t start_worker_process(asio::io_context& ioc,
                           const std::vector<std::string>& argv,
                           const std::string& name) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return -1;
  std::vector<char*> args;
  for (auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  auto pid = fork();
  if (pid == 0) {
    // The child: output into the pipe, none of the head's sockets (the
    // control port, the node port) kept open, then the worker's own image.
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    syscall(SYS_close_range, 3U, ~0U, 0U);
    execv(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return -1;
  }
  std::make_shared<output_relay>(ioc, fds[0], name)->do_read();
  return pid;
}

} // namespace app
