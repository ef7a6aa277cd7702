// What every caf-comet test needs: the real binary started on a free loopback
// port (killed when the test ends), a client that reads one stream and checks
// its bytes, the server's counters from the control port, and a fixture whose
// witness stream proves that what a test does elsewhere does not disturb it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/client.hpp"
#include "support/process.hpp"

namespace app_test {

using namespace std::chrono_literals;

// How long to wait for something that should happen at once (a response, a
// close, a start-up); generous so that a loaded machine does not fail a test.
inline constexpr auto patience = std::chrono::milliseconds(3000);

// What the server prints when it accepts connections.
inline constexpr const char* ready_line = "caf-comet listening on";

struct server_options {
  std::string tick_interval = "50ms";
  std::vector<std::string> extra; // more options, e.g. --server.max-connections=3
  std::uint16_t port = 0;         // 0: a free one
  std::uint16_t control_port = 0; // 0: a free one
  std::chrono::milliseconds startup = patience; // until the ready line
};

// Options for a caf-comet on 127.0.0.1:port whose control port is `control`
// (0: any free one; never the default 8001, which parallel tests would share).
std::vector<std::string> listen_args(std::uint16_t port, std::uint16_t control);

class comet_server {
public:
  // Starts caf-comet and waits until it listens; throws (with the server's
  // output) when it does not, which fails the test that asked for it.
  explicit comet_server(server_options options = {});

  std::uint16_t port() const { return port_; }
  std::uint16_t control_port() const { return control_port_; }
  support::child_process& process() { return *process_; }

  // GET /stats on the control port, parsed; a discarded json on failure.
  nlohmann::json stats() const;

  // Polls stats() until `done` holds; false after `timeout`.
  bool wait_for_stats(const std::function<bool(const nlohmann::json&)>& done,
                      std::chrono::milliseconds timeout) const;

private:
  std::uint16_t port_;
  std::uint16_t control_port_;
  std::unique_ptr<support::child_process> process_;
};

// A counter of /stats, or -1 when it is missing or not a number.
std::int64_t counter(const nlohmann::json& stats, const char* name);

// One GET /test/<id> whose response is read as the seed's stream.
class stream_client {
public:
  stream_client(std::uint16_t port, std::string id,
                const std::string& host = "127.0.0.1");

  const std::string& id() const { return id_; }
  support::raw_client& socket() { return socket_; }

  bool wait_for_welcome(std::chrono::milliseconds timeout = patience);
  // Waits until the chunk of tick `n` arrived.
  bool wait_for_tick(int n, std::chrono::milliseconds timeout = patience);

  // The highest N received, 0 before the first tick, -1 if malformed.
  int last_tick() const;

  // A 200 chunked response whose chunks are the welcome, then ticks 1, 2, 3,
  // ... without a gap (and, if the server ended it, the last chunk).
  ::testing::AssertionResult well_formed() const;

  // Waits for two more ticks and checks the stream is still well formed.
  ::testing::AssertionResult keeps_counting();

private:
  std::string id_;
  support::raw_client socket_;
};

// Opens a new stream and checks it gets its welcome and first tick.
::testing::AssertionResult new_stream_works(std::uint16_t port,
                                            const std::string& id);

// Sends `request` on a new connection and reads until the server closes it.
std::string exchange_and_close(std::uint16_t port, const std::string& request);

// A server with the small limits the bad-input tests need and one stream
// opened before each test; after the test that stream must still count on
// without a gap and a new stream must work: bad input on one connection
// disturbs no other.
class witnessed_server_test : public ::testing::Test {
protected:
  static server_options small_limits();

  void SetUp() override;
  void TearDown() override;

  std::unique_ptr<comet_server> server;
  std::unique_ptr<stream_client> witness;
};

} // namespace app_test
