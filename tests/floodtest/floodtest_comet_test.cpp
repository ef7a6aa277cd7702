// floodtest against the real caf-comet on loopback (tick 100 ms).
#include <signal.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "run_helpers.hpp"
#include "server_fixture.hpp"
#include "support/client.hpp"
#include "support/process.hpp"

using namespace std::chrono_literals;
using namespace floodtest_test;
using support::binary;
using support::child_process;

namespace {

constexpr auto tick = 100ms;

class floodtest_comet : public testing::Test {
protected:
  app_test::comet_server server_{{.tick_interval = "100ms", .extra = {}}};
  std::uint16_t port_ = server_.port();
};

} // namespace

TEST_F(floodtest_comet, holds_1000_streams_and_counts_every_tick) {
  temp_file urls{url_lines(port_, 1000)};
  child_process flood{binary("floodtest"),
                      flood_args(urls, {"--duration=3s", "--report-interval=1s",
                                        "--tick=100ms"})};
  ASSERT_EQ(flood.wait_exit(20s), 0) << flood.output();
  auto output = flood.output();
  auto stats = last_stats(output);
  ASSERT_TRUE(stats) << output;
  EXPECT_EQ(stats->active, 1000u);
  EXPECT_EQ(stats->closed, 0u);
  // Every stream started by last_start_s; from then on it got the welcome
  // and one chunk per tick, less one for timing slack.
  auto json = json_summary(output);
  auto streaming_s = 3.0 - json["last_start_s"].get<double>();
  auto ticks = static_cast<std::uint64_t>(streaming_s * 1000 / tick.count());
  EXPECT_GE(stats->chunks, 1000 * (1 + ticks - 1)) << output;
  EXPECT_EQ(json["opened"], 1000);
  EXPECT_GE(count_prefixed(output, "Stats: "), 3u);
}

TEST_F(floodtest_comet, a_killed_server_shows_in_closed_with_reasons) {
  temp_file urls{url_lines(port_, 200)};
  child_process flood{binary("floodtest"),
                      flood_args(urls, {"--duration=5s",
                                        "--report-interval=100ms"})};
  // Kill the server only once every stream is open, however loaded the
  // machine is: then every stream must end with the server's death.
  ASSERT_TRUE(flood.wait_for_output("Stats: {200,0,", 10s)) << flood.output();
  server_.process().signal(SIGKILL);
  server_.process().wait_exit(5s);
  ASSERT_EQ(flood.wait_exit(20s), 0) << flood.output();
  auto output = flood.output();
  EXPECT_EQ(count_lines(output, "Closed: eof")
              + count_lines(output, "Closed: reset"),
            200u)
    << output;
  auto stats = last_stats(output);
  ASSERT_TRUE(stats) << output;
  EXPECT_EQ(stats->active, 0u);
  EXPECT_EQ(stats->closed, 200u);
}

TEST_F(floodtest_comet, processes_aggregate_their_streams) {
  temp_file urls{url_lines(port_, 200)};
  child_process flood{binary("floodtest"),
                      flood_args(urls, {"--processes=2", "--duration=2s",
                                        "--report-interval=1s"})};
  ASSERT_EQ(flood.wait_exit(20s), 0) << flood.output();
  auto stats = last_stats(flood.output());
  ASSERT_TRUE(stats) << flood.output();
  EXPECT_EQ(stats->active, 200u);
  EXPECT_EQ(stats->closed, 0u);
  EXPECT_EQ(json_summary(flood.output())["active"], 200);
}
