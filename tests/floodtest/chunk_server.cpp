#include "chunk_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>
#include <stdexcept>
#include <string>

namespace floodtest_test {

namespace {

struct connection {
  std::string request; // until the head is complete
  std::string id;      // set once streaming
  int ticks = 0;
};

std::string chunk(const std::string& text) {
  char size[16];
  std::snprintf(size, sizeof(size), "%zx\r\n", text.size());
  return size + text + "\r\n";
}

std::string stamped_message(int n, std::uint64_t stamp_us) {
  auto now = std::chrono::duration_cast<std::chrono::microseconds>(
    std::chrono::system_clock::now().time_since_epoch());
  return "Recvd msg #" + std::to_string(n) + ": 't="
         + (stamp_us != 0 ? std::to_string(stamp_us)
                          : std::to_string(now.count()))
         + ";hello'<br/>";
}

void send_all(int fd, const std::string& bytes) {
  // Test streams are small and read promptly: a short write is a broken
  // client, and the next tick will notice.
  (void) ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

void close_with_reset(int fd) {
  linger lg{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
  ::close(fd);
}

} // namespace

chunk_server::chunk_server(server_behaviour behaviour)
  : behaviour_(behaviour) {
  // The test process holds the server side of every stream.
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0
      || listen(listen_fd_, 4096) != 0
      || getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len)
           != 0)
    throw std::runtime_error("chunk_server: cannot listen");
  port_ = ntohs(addr.sin_port);
  wake_fd_ = eventfd(0, EFD_NONBLOCK);
  thread_ = std::thread{[this] { run(); }};
}

chunk_server::~chunk_server() {
  std::uint64_t one = 1;
  (void) ::write(wake_fd_, &one, sizeof(one));
  thread_.join();
  ::close(wake_fd_);
  ::close(listen_fd_);
}

bool chunk_server::wait_for_streaming(std::size_t count,
                                      std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (streaming_ < count) {
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return true;
}

std::size_t chunk_server::peer_addresses() const {
  std::lock_guard<std::mutex> guard{peers_mutex_};
  return peers_.size();
}

void chunk_server::run() {
  int ep = epoll_create1(0);
  epoll_event ev{EPOLLIN, {}};
  ev.data.fd = listen_fd_;
  epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd_, &ev);
  ev.data.fd = wake_fd_;
  epoll_ctl(ep, EPOLL_CTL_ADD, wake_fd_, &ev);
  std::map<int, connection> conns;
  auto drop = [&](int fd, bool reset) {
    if (!conns[fd].id.empty())
      --streaming_;
    conns.erase(fd);
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
    reset ? close_with_reset(fd) : (void) ::close(fd);
  };
  auto next_tick = std::chrono::steady_clock::now() + behaviour_.tick;
  epoll_event events[256];
  for (;;) {
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
      next_tick - std::chrono::steady_clock::now());
    int n = epoll_wait(ep, events, 256,
                       static_cast<int>(std::max<long>(0, wait.count())));
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == wake_fd_) {
        for (auto& [conn_fd, c] : conns)
          ::close(conn_fd);
        ::close(ep);
        return;
      }
      if (fd == listen_fd_) {
        int client;
        sockaddr_in peer{};
        socklen_t peer_len = sizeof(peer);
        while ((client = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer),
                                 &peer_len, SOCK_NONBLOCK))
               >= 0) {
          {
            std::lock_guard<std::mutex> guard{peers_mutex_};
            peers_.insert(peer.sin_addr.s_addr);
          }
          peer_len = sizeof(peer);
          conns[client];
          epoll_event cev{EPOLLIN, {}};
          cev.data.fd = client;
          epoll_ctl(ep, EPOLL_CTL_ADD, client, &cev);
        }
        continue;
      }
      char buf[4096];
      auto got = ::recv(fd, buf, sizeof(buf), 0);
      if (got <= 0) {
        drop(fd, false);
        continue;
      }
      auto& c = conns[fd];
      if (!c.id.empty())
        continue;
      c.request.append(buf, static_cast<std::size_t>(got));
      if (behaviour_.silent
          || c.request.find("\r\n\r\n") == std::string::npos)
        continue;
      if (behaviour_.status != 200) {
        send_all(fd, "HTTP/1.1 " + std::to_string(behaviour_.status)
                       + " Busy\r\nContent-Length: 0\r\n\r\n");
        drop(fd, false);
        continue;
      }
      auto path_start = c.request.find(' ') + 1;
      auto path = c.request.substr(path_start,
                                   c.request.find(' ', path_start) - path_start);
      c.id = path.substr(path.rfind('/') + 1);
      c.request.clear();
      ++streaming_;
      send_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     + chunk("Mochiconntest welcomes you! Your Id: " + c.id
                             + "\n"));
    }
    if (std::chrono::steady_clock::now() < next_tick)
      continue;
    next_tick += behaviour_.tick;
    std::vector<int> ending;
    for (auto& [fd, c] : conns) {
      if (c.id.empty())
        continue;
      if (++c.ticks == behaviour_.close_after_ticks + 1) {
        ending.push_back(fd);
        continue;
      }
      if (c.ticks == behaviour_.skipped_tick)
        continue;
      auto n = behaviour_.first_tick_n - 1 + static_cast<std::uint64_t>(c.ticks);
      send_all(fd, chunk(behaviour_.stamped ? stamped_message(c.ticks, behaviour_.stamp_us)
                                            : "Chunk " + std::to_string(n)
                                                + " for id " + c.id + "\n"));
    }
    for (int fd : ending)
      drop(fd, behaviour_.reset);
  }
}

} // namespace floodtest_test
