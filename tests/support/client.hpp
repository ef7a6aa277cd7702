// A blocking loopback TCP client for tests: raw bytes in, raw bytes out, every
// read bounded by a timeout so a broken server fails a test instead of hanging.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace support {

class raw_client {
public:
  // Connects to host:port (a loopback address); throws std::runtime_error
  // on failure.
  explicit raw_client(std::uint16_t port, const std::string& host = "127.0.0.1");
  ~raw_client();

  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  void send(const std::string& bytes);

  // Reads until the received bytes contain `text`, the peer closes or the
  // timeout passes. Returns everything received so far (also kept in data()).
  const std::string& read_until(const std::string& text,
                                std::chrono::milliseconds timeout);

  // Reads until the peer closes (true) or the timeout passes (false).
  bool read_until_closed(std::chrono::milliseconds timeout);

  // Shrinks the receive buffer so that a server sees a slow reader quickly.
  void set_receive_buffer(int bytes);

  const std::string& data() const { return data_; }
  bool closed() const { return closed_; }
  int fd() const { return fd_; }

  // Closes the socket now (the destructor also does).
  void close();

private:
  // One read of what is there within `timeout`; false on timeout.
  bool read_some(std::chrono::milliseconds timeout);

  int fd_ = -1;
  bool closed_ = false;
  std::string data_;
};

// One GET of `target` that waits for the whole non-streaming response.
std::string http_get_once(std::uint16_t port, const std::string& target);

// Waits until a TCP connect to 127.0.0.1:port succeeds.
bool wait_for_port(std::uint16_t port, std::chrono::milliseconds timeout);

} // namespace support
