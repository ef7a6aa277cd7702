// A small streaming HTTP server on a thread of the test, standing in for
// caf-comet where a test needs a server that misbehaves on purpose:
// GET /test/<Id> gets 200 chunked, "Mochiconntest welcomes you! Your Id: <Id>\n"
// and "Chunk N for id <Id>\n" every tick, like the seed's server.
#pragma once

#include <atomic>
#include <mutex>
#include <set>
#include <chrono>
#include <cstdint>
#include <thread>

namespace floodtest_test {

struct server_behaviour {
  std::chrono::milliseconds tick{100};
  int status = 200;           // anything else: that status, then close
  int close_after_ticks = -1; // close each stream after this many ticks
  bool reset = false;         // close with RST instead of FIN
  // Ticks carry "Recvd msg #N: 't=<epoch µs>;...'" instead of "Chunk N",
  // like routed messages from a message generator.
  bool stamped = false;
  bool silent = false; // accepts and reads, but never answers
  int skipped_tick = -1; // never sent: the next tick shows a gap in N
  // N of the first tick; later ticks count on from it.
  std::uint64_t first_tick_n = 1;
  // With `stamped`: this stamp instead of the time of sending (0: the time).
  std::uint64_t stamp_us = 0;
};

class chunk_server {
public:
  explicit chunk_server(server_behaviour behaviour = {});
  ~chunk_server();

  chunk_server(const chunk_server&) = delete;
  chunk_server& operator=(const chunk_server&) = delete;

  std::uint16_t port() const { return port_; }

  // Streams that got their welcome chunk and are still open.
  std::size_t streaming() const { return streaming_; }

  // Waits until streaming() reaches `count`; false after `timeout`.
  bool wait_for_streaming(std::size_t count,
                          std::chrono::milliseconds timeout) const;

  // How many different client addresses connected so far.
  std::size_t peer_addresses() const;

private:
  void run();

  server_behaviour behaviour_;
  int listen_fd_ = -1;
  int wake_fd_ = -1; // an eventfd: the destructor ends run() with it
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> streaming_{0};
  mutable std::mutex peers_mutex_;
  std::set<std::uint32_t> peers_;
  std::thread thread_;
};

} // namespace floodtest_test
