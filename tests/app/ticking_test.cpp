// /stats' `ticking`: the ticker's pending ticks, one per open stream, and
// none left once the streams are gone, however they ended.
#include <sys/socket.h>

#include <thread>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace app_test {
namespace {

// The ticker drops an ended stream's tick within its compact delay (0.5 s).
constexpr auto settle = patience + std::chrono::milliseconds(500);

std::vector<std::unique_ptr<stream_client>> open_streams(std::uint16_t port,
                                                         int n) {
  std::vector<std::unique_ptr<stream_client>> out;
  for (int i = 0; i < n; ++i) {
    std::string id = "t";
    id += std::to_string(i);
    out.push_back(std::make_unique<stream_client>(port, id));
    EXPECT_TRUE(out.back()->wait_for_welcome()) << out.back()->id();
  }
  return out;
}

// Waits until `ticking` and `streams` both equal n.
::testing::AssertionResult ticking_is(const comet_server& server,
                                      std::int64_t n) {
  nlohmann::json last;
  if (server.wait_for_stats(
        [&](const nlohmann::json& s) {
          last = s;
          return counter(s, "ticking") == n && counter(s, "streams") == n;
        },
        settle))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected ticking=streams=" << n << ", last /stats: " << last.dump();
}

// Ends the connection with a reset instead of a FIN (SO_LINGER 0).
void reset(stream_client& client) {
  linger hard{1, 0};
  setsockopt(client.socket().fd(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  client.socket().close();
}

// A tick far away: no tick is on its way to a stream while /stats is read,
// so every open stream has exactly one pending tick.
TEST(Ticking, EqualsTheOpenStreamsAndReturnsToZero) {
  comet_server server{{.tick_interval = "60s", .extra = {}}};
  ASSERT_TRUE(ticking_is(server, 0));
  auto streams = open_streams(server.port(), 6);
  ASSERT_TRUE(ticking_is(server, 6));

  streams[0]->socket().close();
  reset(*streams[1]);
  streams.erase(streams.begin(), streams.begin() + 2);
  EXPECT_TRUE(ticking_is(server, 4));

  streams.clear();
  EXPECT_TRUE(ticking_is(server, 0));
}

// A client that resets right after its request: the server reads the
// request, and its first write (the head) finds the client gone. The stream
// must end there too, not live on logged in and ticking.
TEST(Ticking, AClientThatResetsRightAfterItsRequestLeavesNoStream) {
  comet_server server{{.tick_interval = "60s", .extra = {}}};
  for (int i = 0; i < 50; ++i) {
    std::string id = "r";
    id += std::to_string(i);
    stream_client client{server.port(), id};
    reset(client);
  }
  // All 50 accepted and closed, not just none ticking yet.
  nlohmann::json s;
  EXPECT_TRUE(server.wait_for_stats(
    [&](const nlohmann::json& stats) {
      s = stats;
      return counter(s, "accepted") >= 50 && counter(s, "connections") == 0 &&
             counter(s, "ids") == 0;
    },
    settle))
    << s.dump();
  EXPECT_TRUE(ticking_is(server, 0));
  stream_client after{server.port(), "after"};
  EXPECT_TRUE(after.wait_for_welcome());
  EXPECT_TRUE(ticking_is(server, 1));
}

// Streams that tick often: each tick replaces its stream's entry, so
// `ticking` never exceeds the open streams, and it still ends at 0.
TEST(Ticking, StaysOnePerStreamWhileTheyTick) {
  comet_server server{{.tick_interval = "20ms", .extra = {}}};
  auto streams = open_streams(server.port(), 5);
  ASSERT_TRUE(ticking_is(server, 5));
  for (int i = 0; i < 20; ++i) {
    auto s = server.stats();
    ASSERT_LE(counter(s, "ticking"), 5) << s.dump();
    ASSERT_GE(counter(s, "ticking"), 0) << s.dump();
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
  for (auto& stream : streams)
    EXPECT_TRUE(stream->keeps_counting()) << stream->id();
  streams.clear();
  EXPECT_TRUE(ticking_is(server, 0));
}

} // namespace
} // namespace app_test
