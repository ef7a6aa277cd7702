// GET /ws/<Id>: the stream as WebSocket text frames over a real socket: the
// events as JSON, resuming with ?last=, pings, and each close code.
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "control_client.hpp"
#include "http_bytes.hpp"
#include "server_fixture.hpp"
#include "ws_client.hpp"

namespace {

using namespace app_test;
using control_test::logged_in;
using control_test::send_to;
using nlohmann::json;

constexpr int going_away = 1001, policy_error = 1008, too_big = 1009;

TEST(WebSocket, EventsAreJsonTextFrames) {
  comet_server server;
  ws_client ws{server.port(), "/ws/alice"};
  EXPECT_EQ(ws.next(patience),
            (json{{"type", "welcome"}, {"seq", 0},
                  {"text", "Mochiconntest welcomes you! Your Id: alice\n"}}));
  EXPECT_EQ(ws.next(patience),
            (json{{"type", "tick"}, {"seq", 1}, {"text", "Chunk 1 for id alice\n"}}));
  ASSERT_TRUE(logged_in(server, 1, 1));
  EXPECT_EQ(send_to(server.control_port(), "alice", "<b>\"hi\"</b>"), 1);
  std::optional<json> message;
  for (int i = 0; i < 5 && (!message || (*message)["type"] != "message"); ++i)
    message = ws.next(patience);
  ASSERT_TRUE(message);
  EXPECT_EQ((*message)["text"], "<b>\"hi\"</b>");
  EXPECT_GT((*message)["seq"].get<std::uint64_t>(), 1u);
  EXPECT_EQ(counter(server.stats(), "ws_streams"), 1);
  EXPECT_EQ(counter(server.stats(), "streams"), 1);
}

TEST(WebSocket, AResumingClientGetsWhatItMissed) {
  comet_server server{{.tick_interval = "10s"}};
  for (auto text : {"one", "two"})
    EXPECT_EQ(send_to(server.control_port(), "bob", text), 0);
  ws_client first{server.port(), "/ws/bob?last=1"};
  ASSERT_EQ((*first.next(patience))["type"], "welcome");
  auto one = first.next(patience), two = first.next(patience);
  ASSERT_TRUE(one && two);
  EXPECT_EQ((*one)["text"], "one");
  EXPECT_EQ((*two)["text"], "two");
  auto last = std::to_string((*one)["seq"].get<std::uint64_t>());
  ws_client again{server.port(), "/ws/bob?last=" + last};
  ASSERT_EQ((*again.next(patience))["type"], "welcome");
  EXPECT_EQ((*again.next(patience))["text"], "two");
}

TEST(WebSocket, AnInvalidIdIsClosedWith1008) {
  comet_server server;
  ws_client ws{server.port(), "/ws/not%20valid"};
  EXPECT_FALSE(ws.next(patience));
  EXPECT_EQ(ws.close_code(), policy_error);
  EXPECT_TRUE(new_stream_works(server.port(), "after"));
}

TEST(WebSocket, AnOversizedClientMessageIsClosedWith1009) {
  comet_server server{{.extra = {"--streams.ws-max-message=200"}}};
  ws_client ws{server.port(), "/ws/big"};
  ASSERT_TRUE(ws.next(patience));
  ws.send_text("small ones are dropped");
  ws.send_text(std::string(201, 'x'));
  std::optional<json> frame;
  while ((frame = ws.next(patience))) {
  }
  EXPECT_EQ(ws.close_code(), too_big);
}

TEST(WebSocket, AQuietStreamIsPingedAndAClientThatNeverAnswersIsClosed) {
  comet_server server{{.tick_interval = "10s",
                       .extra = {"--streams.ws-ping=200ms"}}};
  ws_client ws{server.port(), "/ws/quiet"};
  ASSERT_TRUE(ws.next(patience));
  EXPECT_FALSE(ws.next(700ms)); // nothing but pings, answered by Beast
  EXPECT_GE(ws.pings(), 2);
  // A raw client that completes the handshake and then reads nothing.
  support::raw_client mute{server.port()};
  mute.send(request("GET", "/ws/mute",
                    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n"));
  EXPECT_TRUE(mute.read_until_closed(2s));
  EXPECT_EQ(status_of(mute.data()), 101);
}

TEST(WebSocket, ShutdownClosesWith1001) {
  comet_server server;
  ws_client ws{server.port(), "/ws/bye"};
  ASSERT_TRUE(ws.next(patience));
  kill(server.process().pid(), SIGTERM);
  std::optional<json> frame;
  while ((frame = ws.next(patience))) {
  }
  EXPECT_EQ(ws.close_code(), going_away);
  EXPECT_EQ(server.process().wait_exit(5s), 0);
}

TEST(WebSocket, APlainGetIsTold426) {
  comet_server server;
  auto answer = exchange_and_close(server.port(), last_request("GET", "/ws/x"));
  EXPECT_EQ(status_of(answer), 426);
  EXPECT_NE(answer.find("a WebSocket handshake is needed here"), std::string::npos);
}

} // namespace
