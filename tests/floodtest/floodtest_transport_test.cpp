// floodtest over each transport against the real caf-comet (tick 100 ms):
// every stream stays active, every message msggen had acknowledged arrives
// and is timed, ticks are timed and come without gaps in N; and on a
// WebSocket, floodtest answers the server's pings.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "run_helpers.hpp"
#include "server_fixture.hpp"
#include "support/process.hpp"

using namespace std::chrono_literals;
using namespace floodtest_test;
using support::binary;
using support::child_process;

namespace {

constexpr int streams = 50;

class floodtest_transport : public testing::TestWithParam<std::string> {};

} // namespace

TEST_P(floodtest_transport, counts_ticks_and_messages_without_gaps) {
  app_test::comet_server server{{.tick_interval = "100ms", .extra = {}}};
  temp_file urls{url_lines(server.port(), streams)};
  // floodtest outlives msggen by a margin: the last acknowledged messages
  // must have time to arrive before it counts.
  constexpr auto flood_duration = 7s;
  auto flood_start = std::chrono::steady_clock::now();
  child_process flood{binary("floodtest"),
                      flood_args(urls, {"--transport=" + GetParam(),
                                        "--duration=7s", "--tick=100ms",
                                        "--report-interval=200ms"})};
  ASSERT_TRUE(flood.wait_for_output("Stats: {50,0,", 5s)) << flood.output();
  child_process gen{binary("msggen"),
                    {"--rate=25", "--ids=1-50", "--duration=2s",
                     "--control=http://127.0.0.1:"
                       + std::to_string(server.control_port())}};
  ASSERT_EQ(gen.wait_exit(10s), 0) << gen.output();
  ASSERT_LT(std::chrono::steady_clock::now() - flood_start,
            flood_duration - 2s)
    << "msggen ended too close to floodtest's end to count every message";
  ASSERT_EQ(flood.wait_exit(15s), 0) << flood.output();

  auto sent = json_summary(gen.output());
  auto received = json_summary(flood.output());
  ASSERT_TRUE(sent.is_object()) << gen.output();
  ASSERT_TRUE(received.is_object()) << flood.output();
  EXPECT_EQ(received["active"], streams) << received;
  EXPECT_EQ(received["closed"], 0) << flood.output();
  EXPECT_EQ(received["gaps"], 0) << received;
  // 50 are due; a loaded machine may get fewer out in 2 s, not many fewer.
  EXPECT_GE(sent["ok"].get<int>(), 30) << gen.output();
  EXPECT_EQ(sent["delivered"], sent["ok"]) << gen.output();
  EXPECT_EQ(received["delivered_msgs"], sent["delivered"]) << received;
  // Every stream had its welcome and ticks for most of 7 s; only ticks are
  // timed, and a tick takes an N after a message as after a tick.
  auto timed_ticks = received["lateness_samples"].get<int>();
  EXPECT_GT(timed_ticks, streams * 20) << received;
  EXPECT_GE(received["chunks"].get<int>(),
            streams + timed_ticks + sent["delivered"].get<int>())
    << received;
}

INSTANTIATE_TEST_SUITE_P(, floodtest_transport,
                         testing::Values("chunked", "sse", "ws"),
                         [](const auto& info) { return info.param; });

// Without a pong within twice streams.ws-ping the server closes a
// WebSocket: here within 400 ms, fifteen times over in the run.
TEST(floodtest_ws, answers_the_servers_pings) {
  app_test::comet_server server{
    {.tick_interval = "100ms", .extra = {"--streams.ws-ping=200ms"}}};
  temp_file urls{url_lines(server.port(), streams)};
  child_process flood{binary("floodtest"),
                      flood_args(urls, {"--transport=ws", "--duration=4s",
                                        "--report-interval=200ms"})};
  ASSERT_TRUE(flood.wait_for_output("Stats: {50,0,", 5s)) << flood.output();
  ASSERT_EQ(flood.wait_exit(15s), 0) << flood.output();
  auto received = json_summary(flood.output());
  EXPECT_EQ(received["active"], streams) << flood.output();
  EXPECT_EQ(received["closed"], 0) << flood.output();
  EXPECT_EQ(received["gaps"], 0) << received;
}
