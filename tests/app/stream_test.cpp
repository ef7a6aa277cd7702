// The stream itself: the exact bytes of the head, the welcome and the ticks.
#include <csignal>

#include <gtest/gtest.h>

#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace app_test {
namespace {

// Cross-checks the byte builder against sizes counted by hand, so that the
// exact-bytes test below does not share a mistake with the server.
TEST(StreamBytes, FramingMatchesHandCountedSizes) {
  EXPECT_EQ(frame(welcome_text("foo")),
            "29\r\nMochiconntest welcomes you! Your Id: foo\n\r\n");
  EXPECT_EQ(frame(tick_text(1, "foo")), "13\r\nChunk 1 for id foo\n\r\n");
  EXPECT_EQ(frame(tick_text(10, "foo")), "14\r\nChunk 10 for id foo\n\r\n");
}

TEST(Stream, HeadWelcomeAndThreeTicksAreExactBytes) {
  comet_server server;
  stream_client client{server.port(), "foo"};
  ASSERT_TRUE(client.wait_for_welcome());
  auto welcomed = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.wait_for_tick(3)) << client.socket().data();
  auto elapsed = std::chrono::steady_clock::now() - welcomed;

  auto& data = client.socket().data();
  auto head = parse_head(data);
  ASSERT_TRUE(head);
  auto head_text = data.substr(0, head->size);
  EXPECT_TRUE(head_text.starts_with("HTTP/1.1 200 OK\r\n")) << head_text;
  for (const std::string line :
       {"Transfer-Encoding: chunked", "Content-Type: text/html; charset=utf-8",
        "Server: caf-comet/" CAF_COMET_VERSION})
    EXPECT_NE(head_text.find("\r\n" + line + "\r\n"), std::string::npos)
      << "missing '" << line << "' in:\n" << head_text;
  // A chunked response must not also announce a length.
  EXPECT_FALSE(head->field("Content-Length"));

  auto expected = frame(welcome_text("foo")) + frame(tick_text(1, "foo"))
                  + frame(tick_text(2, "foo")) + frame(tick_text(3, "foo"));
  EXPECT_EQ(data.substr(head->size, expected.size()), expected);
  // Three ticks of 50 ms cannot arrive much sooner than 150 ms.
  EXPECT_GE(elapsed, 120ms) << "ticks come faster than tick-interval";
}

TEST(Stream, NCountsUpWithoutGaps) {
  comet_server server;
  stream_client client{server.port(), "counter"};
  ASSERT_TRUE(client.wait_for_tick(12)) << client.socket().data();
  EXPECT_TRUE(client.well_formed());
}

// N belongs to the connection: a stream opened later starts at 1 too.
TEST(Stream, EachStreamCountsItsOwnN) {
  comet_server server;
  stream_client early{server.port(), "early"};
  ASSERT_TRUE(early.wait_for_tick(3));
  stream_client late{server.port(), "late"};
  ASSERT_TRUE(late.wait_for_tick(2)) << late.socket().data();
  EXPECT_TRUE(late.well_formed());
  EXPECT_TRUE(early.keeps_counting());
}

// HTTP/1.0 has no chunked encoding: the body is the bare payloads and ends
// when the server closes the connection (here, on SIGTERM).
TEST(Stream, Http10ClientsGetABareBodyEndedByTheClose) {
  comet_server server;
  support::raw_client client{server.port()};
  client.send("GET /test/old HTTP/1.0\r\n\r\n");
  auto expected = welcome_text("old") + tick_text(1, "old") + tick_text(2, "old");
  client.read_until(tick_text(2, "old"), patience);
  auto& data = client.data();
  auto head = parse_head(data);
  ASSERT_TRUE(head) << data;
  EXPECT_EQ(head->status(), 200);
  EXPECT_FALSE(head->field("Transfer-Encoding")) << data;
  EXPECT_EQ(head->field("Connection"), "close");
  EXPECT_EQ(data.substr(head->size, expected.size()), expected);

  server.process().signal(SIGTERM);
  // At once, not when the 3 s grace period forces it.
  ASSERT_TRUE(client.read_until_closed(1s));
  EXPECT_FALSE(std::string_view{data}.ends_with(last_chunk)) << data;
  EXPECT_TRUE(std::string_view{data}.ends_with("\n")) << data;
}

} // namespace
} // namespace app_test
