// The floodtest binary as a user runs it, against a server on a thread of
// this test that can misbehave on purpose (chunk_server).
#include <signal.h>

#include <chrono>

#include <gtest/gtest.h>

#include "chunk_server.hpp"
#include "run_helpers.hpp"
#include "support/process.hpp"

using namespace std::chrono_literals;
using namespace floodtest_test;
using support::binary;
using support::child_process;

namespace {

constexpr auto exit_timeout = 15s;

// Runs floodtest to its end and returns its output (stdout and stderr).
std::string run_floodtest(std::vector<std::string> args, int expected_exit = 0) {
  child_process flood{binary("floodtest"), std::move(args)};
  auto code = flood.wait_exit(exit_timeout);
  EXPECT_EQ(code, expected_exit) << flood.output();
  return flood.output();
}

} // namespace

TEST(floodtest_run, counts_active_streams_and_chunks) {
  chunk_server server{{.tick = 100ms}};
  temp_file urls{url_lines(server.port(), 200)};
  auto output = run_floodtest(flood_args(
    urls, {"--duration=2s", "--report-interval=500ms", "--tick=100ms"}));
  auto stats = last_stats(output);
  ASSERT_TRUE(stats) << output;
  EXPECT_EQ(stats->active, 200u);
  EXPECT_EQ(stats->closed, 0u);
  // The welcome plus ~19 ticks each; a second of slack for a busy machine.
  EXPECT_GE(stats->chunks, 200u * 10);
  auto json = json_summary(output);
  EXPECT_EQ(json["active"], 200);
  EXPECT_EQ(json["opened"], 200);
  EXPECT_EQ(json["chunks"], stats->chunks);
  EXPECT_GT(json["lateness_samples"].get<int>(), 0);
  EXPECT_LT(json["lateness_p50_ms"].get<int>(), 100);
  EXPECT_EQ(json["gaps"], 0);
  EXPECT_GE(count_lines(output, "Stats: {200,0," + std::to_string(stats->chunks)
                                  + "}"),
            1u);
}

TEST(floodtest_run, streams_the_server_ends_count_as_closed_with_reason) {
  chunk_server server{{.tick = 100ms, .close_after_ticks = 2}};
  temp_file urls{url_lines(server.port(), 50)};
  auto output = run_floodtest(flood_args(urls, {"--duration=1500ms"}));
  EXPECT_EQ(count_lines(output, "Closed: eof"), 50u) << output;
  auto json = json_summary(output);
  EXPECT_EQ(json["active"], 0);
  EXPECT_EQ(json["closed"], 50);
  EXPECT_EQ(json["connect_failures"], 0);
  EXPECT_EQ(json["chunks"], 50 * 3); // welcome and two ticks
}

TEST(floodtest_run, reset_streams_say_reset) {
  chunk_server server{{.tick = 100ms, .close_after_ticks = 1, .reset = true}};
  temp_file urls{url_lines(server.port(), 20)};
  auto output = run_floodtest(flood_args(urls, {"--duration=1s"}));
  EXPECT_EQ(count_lines(output, "Closed: reset"), 20u) << output;
}

TEST(floodtest_run, refusals_by_status_say_the_status) {
  chunk_server server{{.status = 503}};
  temp_file urls{url_lines(server.port(), 20)};
  auto output = run_floodtest(flood_args(urls, {"--duration=1s"}));
  EXPECT_EQ(count_lines(output, "Closed: http 503"), 20u) << output;
  auto json = json_summary(output);
  EXPECT_EQ(json["active"], 0);
  EXPECT_EQ(json["closed"], 20);
}

// Tick numbers and stamps are the server's to choose: ones past 2^63 must
// not overflow the lateness and delivery arithmetic (UBSan aborts on that in
// the sanitizer build).
TEST(floodtest_run, huge_tick_numbers_and_stamps_are_timed_without_overflow) {
  chunk_server ticks{{.tick = 100ms, .first_tick_n = 9'223'372'036'854'775'000}};
  chunk_server stamps{
    {.tick = 100ms, .stamped = true, .stamp_us = 9'223'372'036'854'775'808u}};
  temp_file urls{url_lines(ticks.port(), 5) + url_lines(stamps.port(), 5)};
  auto output = run_floodtest(
    flood_args(urls, {"--duration=1s", "--tick=100ms"}));
  auto json = json_summary(output);
  EXPECT_EQ(json["active"], 10) << output;
  EXPECT_GT(json["lateness_samples"].get<int>(), 0) << output;
  EXPECT_GT(json["delivered_msgs"].get<int>(), 0) << output;
}

TEST(floodtest_run, failed_connects_are_closed_and_never_retried) {
  temp_file urls{url_lines(support::free_port(), 10)
                 + "http://no-such-host.invalid/test/1\n"};
  auto output = run_floodtest(flood_args(urls, {"--duration=1s"}));
  EXPECT_EQ(count_lines(output, "Closed: refused"), 10u) << output;
  EXPECT_NE(output.find("Closed: resolve: "), std::string::npos) << output;
  auto json = json_summary(output);
  EXPECT_EQ(json["opened"], 11);
  EXPECT_EQ(json["closed"], 11);
  EXPECT_EQ(json["connect_failures"], 11);
}

TEST(floodtest_run, servers_that_never_answer_time_out) {
  chunk_server server{{.silent = true}};
  temp_file urls{url_lines(server.port(), 10)};
  auto output = run_floodtest(
    flood_args(urls, {"--duration=1500ms", "--connect-timeout=500ms"}));
  EXPECT_EQ(count_lines(output, "Closed: timeout"), 10u) << output;
  auto json = json_summary(output);
  EXPECT_EQ(json["closed"], 10);
  EXPECT_EQ(json["connect_failures"], 0); // connected; the head never came
}

TEST(floodtest_run, bad_lines_are_reported_with_line_numbers_and_skipped) {
  chunk_server server;
  auto good = "http://127.0.0.1:" + std::to_string(server.port()) + "/test/";
  temp_file urls{good + "1\n"
                 + "ftp://example.org/x\n"
                 + "\n"
                 + good + "2\n"
                 + "http://:80/\n"
                 + "# a comment\n"
                 + "localhost:8000/test/3\n"
                 + good + "3\n"};
  auto output = run_floodtest(flood_args(urls, {"--duration=1s"}));
  auto at = [&](int line, const std::string& text) {
    return urls.path() + ":" + std::to_string(line) + ": bad URL '" + text
           + "'";
  };
  EXPECT_NE(output.find(at(2, "ftp://example.org/x")), std::string::npos)
    << output;
  EXPECT_NE(output.find(at(5, "http://:80/")), std::string::npos) << output;
  EXPECT_NE(output.find(at(7, "localhost:8000/test/3")), std::string::npos)
    << output;
  EXPECT_EQ(output.find(":6: bad URL"), std::string::npos) << output;
  auto json = json_summary(output);
  EXPECT_EQ(json["active"], 3);
  EXPECT_EQ(json["opened"], 3);
}

TEST(floodtest_run, make_urls_writes_the_seeds_url_file) {
  auto output = run_floodtest(
    {"--make-urls=3", "http://localhost:8000/test/"});
  EXPECT_EQ(output, "http://localhost:8000/test/1\n"
                    "http://localhost:8000/test/2\n"
                    "http://localhost:8000/test/3\n");
}

TEST(floodtest_run, usage_errors_exit_2_with_a_message) {
  temp_file urls{"http://127.0.0.1:1/test/1\n"};
  auto missing = run_floodtest({"/tmp/no-such-floodtest-file.txt", "0"}, 2);
  EXPECT_NE(missing.find("cannot read URL file"), std::string::npos);
  auto bad_wait = run_floodtest({urls.path(), "soon"}, 2);
  EXPECT_NE(bad_wait.find("<wait-ms> must be a whole number"),
            std::string::npos);
  auto unknown = run_floodtest({urls.path(), "0", "--colour=red"}, 2);
  EXPECT_NE(unknown.find("unknown option '--colour=red'"), std::string::npos);
  auto bad_value = run_floodtest({urls.path(), "0", "--duration=soon"}, 2);
  EXPECT_NE(bad_value.find("bad value in '--duration=soon'"),
            std::string::npos);
  auto bad_sources = run_floodtest({urls.path(), "0", "--sources=nowhere"}, 2);
  EXPECT_NE(bad_sources.find("--sources"), std::string::npos);
  auto bad_transport
    = run_floodtest({urls.path(), "0", "--transport=websocket"}, 2);
  EXPECT_NE(bad_transport.find("--transport must be chunked, sse or ws"),
            std::string::npos);
  run_floodtest({}, 2);
}

TEST(floodtest_run, help_and_version_print_to_stdout_and_exit_0) {
  auto help = run_floodtest({"--help"});
  for (auto option : {"--report-interval", "--duration", "--sources",
                      "--make-urls", "--processes", "--tick", "--transport"})
    EXPECT_NE(help.find(option), std::string::npos) << option;
  auto version = run_floodtest({"--version"});
  EXPECT_EQ(version.rfind("floodtest ", 0), 0u) << version;
}

TEST(floodtest_run, duration_stops_on_time) {
  chunk_server server;
  temp_file urls{url_lines(server.port(), 10)};
  auto started = std::chrono::steady_clock::now();
  auto output = run_floodtest(flood_args(urls, {"--duration=1s"}));
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, 1s);
  EXPECT_LT(took, 3s);
  EXPECT_EQ(json_summary(output)["active"], 10) << output;
}

TEST(floodtest_run, sigterm_stops_with_the_summary) {
  chunk_server server;
  temp_file urls{url_lines(server.port(), 10)};
  child_process flood{binary("floodtest"), flood_args(urls, {})};
  ASSERT_TRUE(server.wait_for_streaming(10, 5s));
  flood.signal(SIGTERM);
  ASSERT_EQ(flood.wait_exit(exit_timeout), 0);
  auto stats = last_stats(flood.output());
  ASSERT_TRUE(stats) << flood.output();
  EXPECT_EQ(stats->active, 10u);
  EXPECT_EQ(json_summary(flood.output())["active"], 10);
}

TEST(floodtest_run, stamped_messages_give_delivery_latency) {
  chunk_server server{{.tick = 100ms, .stamped = true}};
  temp_file urls{url_lines(server.port(), 20)};
  auto json = json_summary(run_floodtest(flood_args(urls, {"--duration=1s"})));
  EXPECT_GE(json["delivered_msgs"].get<int>(), 20 * 5) << json;
  EXPECT_LT(json["delivery_p99_ms"].get<int>(), 500) << json;
}

TEST(floodtest_run, a_tick_that_never_came_counts_as_a_gap) {
  chunk_server server{{.tick = 100ms, .skipped_tick = 3}};
  temp_file urls{url_lines(server.port(), 20)};
  auto json = json_summary(run_floodtest(flood_args(urls, {"--duration=2s"})));
  EXPECT_EQ(json["gaps"], 20) << json;
  EXPECT_EQ(json["closed"], 0) << json;
}

TEST(floodtest_run, connects_from_each_source_address) {
  chunk_server server;
  temp_file urls{url_lines(server.port(), 30)};
  auto output = run_floodtest(flood_args(
    urls, {"--duration=1s", "--sources=127.0.0.1-127.0.0.3,127.0.0.9"}));
  EXPECT_EQ(json_summary(output)["active"], 30) << output;
  EXPECT_EQ(server.peer_addresses(), 4u);
}

TEST(floodtest_run, processes_split_the_list_and_sum_their_numbers) {
  chunk_server server{{.tick = 100ms}};
  temp_file urls{url_lines(server.port(), 200)};
  auto output = run_floodtest(flood_args(
    urls, {"--processes=2", "--duration=2s", "--report-interval=500ms",
           "--tick=100ms"}));
  auto stats = last_stats(output);
  ASSERT_TRUE(stats) << output;
  EXPECT_EQ(stats->active, 200u);
  EXPECT_EQ(stats->closed, 0u);
  EXPECT_GE(stats->chunks, 200u * 10);
  auto json = json_summary(output);
  EXPECT_EQ(json["active"], 200);
  EXPECT_EQ(json["opened"], 200);
  EXPECT_GT(json["lateness_samples"].get<int>(), 0);
  EXPECT_TRUE(json.contains("lateness_buckets"));
  // One aggregate Stats line per round (4 and the final one), not one per
  // child and round.
  EXPECT_LE(count_prefixed(output, "Stats: "), 6u) << output;
}
