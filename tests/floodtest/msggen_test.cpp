// msggen against the real caf-comet and floodtest: every message the control
// port acknowledged as delivered arrives, one per POST or in batches; and
// msggen's usage errors.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "run_helpers.hpp"
#include "server_fixture.hpp"
#include "support/process.hpp"
#include "support/sanitizer.hpp"

using namespace std::chrono_literals;
using namespace floodtest_test;
using support::binary;
using support::child_process;

namespace {

std::string control_url(std::uint16_t port) {
  return "--control=http://127.0.0.1:" + std::to_string(port);
}

// Runs msggen with `options` for 5 s at 500 messages/s to ids 1-1000 while
// floodtest holds one stream per id; every message acknowledged must arrive.
// `sent` is msggen's JSON summary.
void expect_every_message_arrives(const std::vector<std::string>& options,
                                  nlohmann::json& sent) {
  // A long tick: the streams carry the routed messages, not tick chunks.
  app_test::comet_server server{{.tick_interval = "10s", .extra = {}}};
  temp_file urls{url_lines(server.port(), 1000)};
  // floodtest outlives msggen's 5 s by a margin: the last acknowledged
  // messages must have time to arrive before it counts.
  constexpr auto flood_duration = 14s;
  auto flood_start = std::chrono::steady_clock::now();
  child_process flood{binary("floodtest"),
                      flood_args(urls, {"--duration=14s",
                                        "--report-interval=1s"})};
  ASSERT_TRUE(flood.wait_for_output("Stats: {1000,0,", 8s)) << flood.output();
  std::vector<std::string> args{"--rate=500", "--ids=1-1000", "--duration=5s",
                                control_url(server.control_port())};
  args.insert(args.end(), options.begin(), options.end());
  child_process gen{binary("msggen"), args};
  ASSERT_EQ(gen.wait_exit(10s), 0) << gen.output();
  ASSERT_LT(std::chrono::steady_clock::now() - flood_start,
            flood_duration - 1s)
    << "msggen ended too close to floodtest's end to count every message";
  ASSERT_EQ(flood.wait_exit(10s), 0) << flood.output();

  sent = json_summary(gen.output());
  auto received = json_summary(flood.output());
  ASSERT_TRUE(sent.is_object()) << gen.output();
  ASSERT_TRUE(received.is_object()) << flood.output();
  EXPECT_EQ(sent["failed"], 0) << gen.output();
  // 2,500 are due; a loaded machine may get fewer out in 5 s, not many fewer.
  EXPECT_GE(sent["ok"].get<std::uint64_t>(), 2000u) << gen.output();
  // Every id has exactly one stream.
  EXPECT_EQ(sent["delivered"], sent["ok"]) << gen.output();
  EXPECT_EQ(received["delivered_msgs"], sent["delivered"]) << flood.output();
  EXPECT_EQ(received["closed"], 0) << flood.output();
}

} // namespace

TEST(msggen, every_acknowledged_message_arrives_at_1000_streams) {
  nlohmann::json sent;
  expect_every_message_arrives({}, sent);
  EXPECT_EQ(sent["posts"], sent["requests"]) << "one message per POST";
}

TEST(msggen, every_message_of_batches_of_10_arrives_at_1000_streams) {
  nlohmann::json sent;
  expect_every_message_arrives({"--batch=10"}, sent);
  // Whole batches of 10, but for each connection's last one, which the
  // window may cut short.
  auto messages = sent["requests"].get<std::uint64_t>();
  auto posts = sent["posts"].get<std::uint64_t>();
  EXPECT_LE(posts * 10, messages + 4 * 9) << sent.dump();
  EXPECT_GE(posts * 10, messages) << sent.dump();
}

TEST(msggen, a_batch_over_the_body_limit_goes_in_several_posts) {
  SKIP_UNDER_SANITIZER("the count of POSTs assumes msggen keeps its rate so "
                       "that every batch fills; under ASan it falls short");
  // 16 KiB messages: 3 fit the control port's 64 KiB body, so a batch of 10
  // goes as 3 + 3 + 3 + 1.
  app_test::comet_server server{{.tick_interval = "10s", .extra = {}}};
  child_process gen{binary("msggen"),
                    {"--rate=100", "--duration=2s", "--batch=10",
                     "--msg-bytes=16384", control_url(server.control_port())}};
  ASSERT_EQ(gen.wait_exit(10s), 0) << gen.output();
  auto sent = json_summary(gen.output());
  EXPECT_EQ(sent["failed"], 0) << gen.output();
  EXPECT_EQ(sent["ok"], sent["requests"]) << gen.output();
  EXPECT_GE(sent["ok"].get<std::uint64_t>(), 100u) << gen.output();
  EXPECT_EQ(sent["posts"].get<std::uint64_t>(),
            (sent["ok"].get<std::uint64_t>() + 9) / 10 * 4)
    << gen.output();
}

TEST(msggen_usage, bad_options_exit_2_with_a_clear_message) {
  struct bad_call {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<bad_call> calls{
    {{"--rate=0"}, "--rate must be above 0"},
    {{"--rate=fast"}, "bad value in '--rate=fast'"},
    {{"--ids=10-1"}, "--ids must be FIRST-LAST"},
    {{"--ids=a-b"}, "--ids must be FIRST-LAST"},
    {{"--control=ftp://127.0.0.1:8001"},
     "--control 'ftp://127.0.0.1:8001': only http:// is supported"},
    {{"--connections=0"}, "--connections must be 1 to 1000"},
    {{"--batch=0"}, "--batch must be 1 to 1000"},
    {{"--batch=1001"}, "--batch must be 1 to 1000"},
    {{"--msg-bytes=20000"}, "--msg-bytes must be at most 16384"},
    {{"--no-such-option=1"}, "unknown option '--no-such-option=1'"},
    {{"stray"}, "unexpected argument 'stray'"},
  };
  for (const auto& call : calls) {
    child_process gen{binary("msggen"), call.args};
    EXPECT_EQ(gen.wait_exit(5s), 2) << call.args[0] << ": " << gen.output();
    EXPECT_NE(gen.output().find("msggen: " + call.says), std::string::npos)
      << call.args[0] << ": " << gen.output();
    EXPECT_TRUE(json_summary(gen.output()).is_null())
      << "a usage error sends nothing: " << gen.output();
  }
}

TEST(msggen_usage, help_and_version_exit_0) {
  child_process help{binary("msggen"), {"--help"}};
  EXPECT_EQ(help.wait_exit(5s), 0);
  for (auto option : {"--rate=", "--ids=", "--control=", "--duration=",
                      "--connections=", "--batch=", "--token="})
    EXPECT_NE(help.output().find(option), std::string::npos) << help.output();
  child_process version{binary("msggen"), {"--version"}};
  EXPECT_EQ(version.wait_exit(5s), 0);
  EXPECT_EQ(version.output().rfind("msggen ", 0), 0u) << version.output();
}

TEST(msggen_usage, a_dead_control_port_fails_every_request_and_says_why) {
  child_process gen{binary("msggen"),
                    {"--rate=50", "--duration=1s",
                     control_url(support::free_port())}};
  EXPECT_EQ(gen.wait_exit(10s), 1) << gen.output();
  auto summary = json_summary(gen.output());
  EXPECT_EQ(summary["ok"], 0) << gen.output();
  EXPECT_EQ(summary["failed"], summary["requests"]) << gen.output();
  EXPECT_GT(summary["failed"].get<std::uint64_t>(), 0u) << gen.output();
  EXPECT_NE(gen.output().find("connect: refused"), std::string::npos)
    << gen.output();
}
