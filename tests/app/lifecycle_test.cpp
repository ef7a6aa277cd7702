// The process as an operator sees it: the command line, config files, exit
// codes, and a graceful stop on SIGTERM and SIGINT.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>
#include <tuple>

#include <unistd.h>

#include <gtest/gtest.h>

#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace app_test {
namespace {

// -- stopping -----------------------------------------------------------------

// A signal, and how many io threads the streams are spread over: every
// thread's streams must be ended.
class Stop : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(Stop, EndsEveryStreamWithTheLastChunkAndExitsZeroWithinFiveSeconds) {
  auto [signo, io_threads] = GetParam();
  comet_server server{
    {"50ms", {"--server.io-threads=" + std::to_string(io_threads)}}};
  std::vector<std::unique_ptr<stream_client>> open;
  for (int i = 0; i < 7; ++i) {
    open.push_back(std::make_unique<stream_client>(server.port(),
                                                   "stop" + std::to_string(i)));
    ASSERT_TRUE(open.back()->wait_for_tick(1));
  }
  // Connections that are not streams must not hold up the stop either.
  support::raw_client silent{server.port()};
  support::raw_client half{server.port()};
  half.send("GET /test/half HTTP/1.1\r\n");

  auto signalled = std::chrono::steady_clock::now();
  server.process().signal(signo);
  for (auto& stream : open) {
    ASSERT_TRUE(stream->socket().read_until_closed(5s)) << stream->id();
    EXPECT_TRUE(std::string_view{stream->socket().data()}.ends_with(last_chunk))
      << stream->socket().data();
    EXPECT_TRUE(stream->well_formed());
  }
  auto code = server.process().wait_exit(5s);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 5s);
  ASSERT_TRUE(code) << "still running 5 s after the signal";
  EXPECT_EQ(*code, 0) << server.process().output();
  EXPECT_TRUE(silent.read_until_closed(patience));
}

// The actors' timers (the streams' next ticks, an hour ahead here) run on io
// thread 0's own timer: pending, they must not keep that thread from
// returning when its sockets are done.
TEST(StopWithTimersPending, ExitsZeroWithinFiveSecondsWhenTicksAreAnHourAway) {
  comet_server server{{"3600s", {}}};
  std::vector<std::unique_ptr<stream_client>> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(std::make_unique<stream_client>(server.port(),
                                                   "far" + std::to_string(i)));
    ASSERT_TRUE(open.back()->wait_for_welcome());
  }
  auto signalled = std::chrono::steady_clock::now();
  server.process().signal(SIGTERM);
  for (auto& stream : open)
    ASSERT_TRUE(stream->socket().read_until_closed(5s)) << stream->id();
  auto code = server.process().wait_exit(5s);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 5s);
  ASSERT_TRUE(code) << "still running 5 s after the signal";
  EXPECT_EQ(*code, 0) << server.process().output();
}

INSTANTIATE_TEST_SUITE_P(
  Signals, Stop,
  ::testing::Combine(::testing::Values(SIGTERM, SIGINT),
                     ::testing::Values(1, 3)),
  [](const auto& info) {
    return std::string{std::get<0>(info.param) == SIGTERM ? "SIGTERM"
                                                          : "SIGINT"}
           + "_io" + std::to_string(std::get<1>(info.param));
  });

// -- command line -------------------------------------------------------------

struct finished {
  std::optional<int> code;
  std::string output;
};

// Runs caf-comet with `args` and waits for it to exit on its own.
finished run(std::vector<std::string> args) {
  support::child_process process{support::binary("caf-comet"), std::move(args)};
  auto code = process.wait_exit(patience);
  return {code, process.output()};
}

TEST(CommandLine, HelpListsTheServerOptionsAndExitsZero) {
  auto result = run({"--help"});
  EXPECT_EQ(result.code, 0);
  for (auto key : {"server.address", "server.port", "server.max-connections",
                   "server.tick-interval", "server.request-timeout",
                   "server.max-header-bytes", "server.send-queue-limit",
                   "server.io-threads"})
    EXPECT_NE(result.output.find(key), std::string::npos)
      << key << " missing from:\n" << result.output;
}

// Only what applies: no CAF module caf-comet does not load, no CAF line
// claiming that help goes to stderr.
TEST(CommandLine, HelpLeavesOutWhatDoesNotApply) {
  auto result = run({"--help"});
  EXPECT_EQ(result.code, 0);
  for (auto text : {"STDERR", "middleman", "openssl", "opencl"})
    EXPECT_EQ(result.output.find(text), std::string::npos)
      << text << " in:\n" << result.output;
  EXPECT_NE(result.output.find("--scheduler.policy"), std::string::npos);
}

// CAF prints the configuration itself; the server must not start after it.
TEST(CommandLine, DumpConfigPrintsAndExitsWithoutServing) {
  auto args = listen_args(0, 0);
  args.push_back("--dump-config");
  auto result = run(args);
  EXPECT_EQ(result.code, 0) << result.output;
  EXPECT_NE(result.output.find("server {"), std::string::npos)
    << result.output;
  EXPECT_EQ(result.output.find(ready_line), std::string::npos) << result.output;
}

TEST(CommandLine, VersionPrintsTheVersion) {
  auto result = run({"--version"});
  EXPECT_EQ(result.code, 0);
  EXPECT_TRUE(result.output.starts_with("caf-comet " CAF_COMET_VERSION))
    << result.output;
}

TEST(CommandLine, BadOptionsExitTwo) {
  for (const std::string arg :
       {"--no-such-option=1", "--server.no-such-key=1", "--server.port=abc",
        "--server.tick-interval=0s", "--server.tick-interval=500us",
        "--server.tick-interval=25h", "--server.max-connections=0",
        "--server.io-threads=0", "--server.io-threads=65"}) {
    auto args = listen_args(0, 0);
    args.push_back(arg);
    auto result = run(args);
    EXPECT_EQ(result.code, 2) << arg << ":\n" << result.output;
  }
}

TEST(CommandLine, MissingConfigFileExitsTwo) {
  auto result = run({"--config", "/nonexistent/caf-comet.ini"});
  EXPECT_EQ(result.code, 2) << result.output;
  EXPECT_NE(result.output.find("/nonexistent/caf-comet.ini"), std::string::npos)
    << result.output;
}

// Exit 1 and a message that names the port and the reason.
void expect_port_in_use(std::uint16_t port, std::uint16_t control,
                        std::uint16_t taken) {
  auto result = run(listen_args(port, control));
  EXPECT_EQ(result.code, 1) << result.output;
  EXPECT_NE(result.output.find(std::to_string(taken)), std::string::npos)
    << result.output;
  EXPECT_NE(result.output.find("in use"), std::string::npos) << result.output;
}

TEST(CommandLine, PortInUseExitsOneWithAClearMessage) {
  comet_server first;
  expect_port_in_use(first.port(), 0, first.port());
  expect_port_in_use(0, first.control_port(), first.control_port());
  EXPECT_TRUE(new_stream_works(first.port(), "first"));
}

// A config file in /tmp, removed when the test ends.
class temp_ini {
public:
  explicit temp_ini(const std::string& text) {
    char name[] = "/tmp/caf-comet-ini-XXXXXX";
    int fd = mkstemp(name);
    if (fd >= 0)
      ::close(fd);
    path_ = name;
    std::ofstream{path_} << text;
  }
  ~temp_ini() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

// Starts caf-comet with `args`; true once it listens on 127.0.0.1:port.
bool listens(support::child_process& process, std::uint16_t port) {
  return process.wait_for_output(ready_line, patience)
         && process.output().find("127.0.0.1:" + std::to_string(port))
              != std::string::npos;
}

TEST(ConfigFile, SettingsAreRead) {
  auto port = support::free_port();
  temp_ini ini{"[server]\naddress=\"127.0.0.1\"\nport=" + std::to_string(port)
               + "\ntick-interval=50ms\n"};
  support::child_process process{support::binary("caf-comet"),
                                 {"--config", ini.path(), "--control.port=0"}};
  ASSERT_TRUE(listens(process, port)) << process.output();
  // The default tick is 10 s: three ticks within a second come from the file.
  stream_client client{port, "ini"};
  EXPECT_TRUE(client.wait_for_tick(3, 1s)) << client.socket().data();
}

TEST(ConfigFile, CommandLineOverridesTheFile) {
  auto port = support::free_port();
  temp_ini ini{"[server]\naddress=\"127.0.0.1\"\nport=" + std::to_string(port)
               + "\ntick-interval=10s\n"};
  support::child_process process{support::binary("caf-comet"),
                                 {"--config=" + ini.path(), "--control.port=0",
                                  "--server.tick-interval=50ms"}};
  ASSERT_TRUE(listens(process, port)) << process.output();
  stream_client client{port, "cli"};
  EXPECT_TRUE(client.wait_for_tick(3, 1s)) << client.socket().data();
}

// The README starts `caf-comet --config config/server.ini`: it must parse and
// serve (address and port overridden so the test can use a free port).
TEST(ConfigFile, ShippedServerIniStarts) {
  auto port = support::free_port();
  std::vector<std::string> args{"--config",
                                CAF_COMET_SOURCE_DIR "/config/server.ini"};
  for (auto& arg : listen_args(port, 0))
    args.push_back(arg);
  support::child_process process{support::binary("caf-comet"), args};
  ASSERT_TRUE(listens(process, port)) << process.output();
  EXPECT_NE(process.output().find("tick=10s"), std::string::npos)
    << "the documented default tick is 10s:\n" << process.output();
  stream_client client{port, "shipped"};
  EXPECT_TRUE(client.wait_for_welcome()) << client.socket().data();
}

} // namespace
} // namespace app_test
