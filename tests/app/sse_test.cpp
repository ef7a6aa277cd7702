// GET /sse/<Id>: Server-Sent Events over a real socket, byte for byte, and
// resuming with Last-Event-ID (or ?lastEventId=) after missed messages.
#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include <string_view>
#include <vector>

#include "control_client.hpp"
#include "http_bytes.hpp"
#include "server_fixture.hpp"
#include "sse_client.hpp"

namespace {

using namespace app_test;
using control_test::send_to;

TEST(Sse, AStreamIsAnEventStreamOfWelcomeAndTicks) {
  comet_server server;
  sse_client sse{server.port(), "/sse/alice"};
  auto events = sse.wait_for(3);
  ASSERT_GE(events.size(), 3u);
  auto head = sse.head();
  EXPECT_EQ(head->status(), 200);
  EXPECT_EQ(head->field("Content-Type"), "text/event-stream");
  EXPECT_EQ(head->field("Cache-Control"), "no-cache");
  EXPECT_EQ(head->field("X-Accel-Buffering"), "no");
  EXPECT_EQ(events[0], "retry: 2000\nevent: welcome\n"
                       "data: Mochiconntest welcomes you! Your Id: alice\n");
  EXPECT_EQ(events[1], "event: tick\ndata: Chunk 1 for id alice\n");
  EXPECT_EQ(events[2], "event: tick\ndata: Chunk 2 for id alice\n");
  stream_client html{server.port(), "html"};
  ASSERT_TRUE(html.wait_for_welcome());
  EXPECT_TRUE(server.wait_for_stats(
    [](auto& s) {
      return counter(s, "streams") == 2 && counter(s, "sse_streams") == 1
             && counter(s, "ws_streams") == 0;
    },
    patience));
}

TEST(Sse, AMessageIsOneDataLinePerLineWithItsSeqAndNoEscaping) {
  comet_server server{{.tick_interval = "10s"}};
  sse_client sse{server.port(), "/sse/bob"};
  ASSERT_EQ(sse.wait_for(1).size(), 1u);
  ASSERT_TRUE(control_test::logged_in(server, 1, 1));
  EXPECT_EQ(send_to(server.control_port(), "bob", "<b>one</b>\ntwo"), 1);
  auto events = sse.wait_for(2);
  ASSERT_EQ(events.size(), 2u);
  auto seq = seq_of(events[1]);
  EXPECT_EQ(events[1], "id: " + seq + "\ndata: <b>one</b>\ndata: two\n");
}

// A client that reconnects with the last seq it saw first gets what was sent
// meanwhile, in order, then live events; by header or by query parameter.
TEST(Sse, AResumingClientGetsWhatItMissedThenLiveEvents) {
  comet_server server{{.tick_interval = "10s"}};
  std::string seen;
  {
    sse_client sse{server.port(), "/sse/carol"};
    ASSERT_TRUE(control_test::logged_in(server, 1, 1));
    ASSERT_EQ(send_to(server.control_port(), "carol", "first"), 1);
    auto events = sse.wait_for(2);
    ASSERT_EQ(events.size(), 2u);
    seen = seq_of(events[1]);
  }
  ASSERT_TRUE(control_test::logged_in(server, 0, 0));
  EXPECT_EQ(send_to(server.control_port(), "carol", "second"), 0);
  EXPECT_EQ(send_to(server.control_port(), "carol", "third"), 0);
  for (auto how : {std::string{"header"}, std::string{"query"}}) {
    auto target = how == "query" ? "/sse/carol?lastEventId=" + seen : "/sse/carol";
    auto fields = how == "header" ? "Last-Event-ID: " + seen + "\r\n" : "";
    sse_client again{server.port(), target, fields};
    auto events = again.wait_for(3);
    ASSERT_EQ(events.size(), 3u) << how;
    SCOPED_TRACE(how + ": " + events[0] + events[1] + events[2] + " seen " + seen);
    EXPECT_NE(events[1].find("\ndata: second\n"), std::string::npos) << how << events[1];
    EXPECT_NE(events[2].find("\ndata: third\n"), std::string::npos) << how;
    EXPECT_LT(std::stoull(seen), std::stoull(seq_of(events[1])));
    EXPECT_LT(std::stoull(seq_of(events[1])), std::stoull(seq_of(events[2])));
    ASSERT_TRUE(control_test::logged_in(server, 1, 1));
    EXPECT_EQ(send_to(server.control_port(), "carol", "live"), 1);
    auto live = again.wait_for(4);
    ASSERT_EQ(live.size(), 4u);
    EXPECT_NE(live[3].find("\ndata: live\n"), std::string::npos) << how;
    seen = seq_of(live[3]);
    again.socket().close();
    ASSERT_TRUE(control_test::logged_in(server, 0, 0));
    send_to(server.control_port(), "carol", "second");
    send_to(server.control_port(), "carol", "third");
  }
}

TEST(Sse, AGapLargerThanTheHistoryGetsAResetThenWhatIsLeft) {
  comet_server server{{.tick_interval = "10s",
                       .extra = {"--streams.history-size=2"}}};
  for (auto text : {"m1", "m2", "m3"})
    EXPECT_EQ(send_to(server.control_port(), "dave", text), 0);
  sse_client sse{server.port(), "/sse/dave", "Last-Event-ID: 1\r\n"};
  auto events = sse.wait_for(4);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1], "event: reset\ndata: messages were missed: the history "
                       "no longer holds them\n");
  EXPECT_NE(events[2].find("\ndata: m2\n"), std::string::npos);
  EXPECT_NE(events[3].find("\ndata: m3\n"), std::string::npos);
}

TEST(Sse, HistoryExpiresAndIsReportedInStats) {
  comet_server server{{.tick_interval = "10s",
                       .extra = {"--streams.history-ttl=300ms"}}};
  EXPECT_EQ(send_to(server.control_port(), "erin", "soon gone"), 0);
  auto stats = server.stats();
  EXPECT_EQ(counter(stats, "history_ids"), 1);
  EXPECT_EQ(counter(stats, "history_messages"), 1);
  EXPECT_GT(counter(stats, "history_bytes"), 9);
  std::this_thread::sleep_for(500ms);
  sse_client sse{server.port(), "/sse/erin", "Last-Event-ID: 1\r\n"};
  ASSERT_TRUE(control_test::logged_in(server, 1, 1));
  EXPECT_EQ(sse.wait_for(2).size(), 1u) << "an expired message was replayed";
  EXPECT_EQ(counter(server.stats(), "history_ids"), 0);
  EXPECT_EQ(counter(server.stats(), "history_bytes"), 0);
}

// With nothing to send for sse-heartbeat, the stream gets a comment line
// (which EventSource ignores) so that proxies keep the connection.
TEST(Sse, AQuietStreamGetsAHeartbeatComment) {
  comet_server server{{.tick_interval = "10s",
                       .extra = {"--streams.sse-heartbeat=1s"}}};
  sse_client sse{server.port(), "/sse/quiet"};
  ASSERT_EQ(sse.wait_for(1).size(), 1u);
  auto welcomed = std::chrono::steady_clock::now();
  sse.socket().read_until("\r\n:\n\n\r\n", 3s);
  auto quiet = std::chrono::steady_clock::now() - welcomed;
  EXPECT_NE(sse.socket().data().find("\r\n3\r\n:\n\n\r\n"), std::string::npos);
  EXPECT_GE(quiet, 400ms);
  EXPECT_LE(quiet, 1500ms);
  stream_client html{server.port(), "html"};
  ASSERT_TRUE(html.wait_for_welcome());
  std::this_thread::sleep_for(1200ms);
  EXPECT_TRUE(html.well_formed()) << "a heartbeat reached a chunked HTML stream";
}

// SSE streams are kept apart from the others for the heartbeat: SIGTERM must
// still end each with its last chunk, at once, and the server exit 0.
TEST(Sse, SigtermEndsAnSseStreamWithItsLastChunk) {
  comet_server server{{.tick_interval = "3600s"}};
  sse_client sse{server.port(), "/sse/leaving"};
  ASSERT_EQ(sse.wait_for(1).size(), 1u);
  auto signalled = std::chrono::steady_clock::now();
  server.process().signal(SIGTERM);
  ASSERT_TRUE(sse.socket().read_until_closed(patience));
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 2s);
  EXPECT_TRUE(std::string_view{sse.socket().data()}.ends_with(last_chunk))
    << sse.socket().data();
  auto code = server.process().wait_exit(patience);
  ASSERT_TRUE(code) << "still running after the signal";
  EXPECT_EQ(*code, 0) << server.process().output();
}

TEST(Sse, ABadIdOrResumePointIsA400ThatSaysWhy) {
  comet_server server;
  auto bad_id = exchange_and_close(server.port(), last_request("GET", "/sse/a%20b"));
  EXPECT_EQ(status_of(bad_id), 400);
  EXPECT_NE(bad_id.find("Bad Request: the Id must be"), std::string::npos);
  auto bad_seq = exchange_and_close(
    server.port(), last_request("GET", "/sse/a?lastEventId=x1"));
  EXPECT_EQ(status_of(bad_seq), 400);
  EXPECT_NE(bad_seq.find("a resume point must be a decimal message seq"),
            std::string::npos);
  EXPECT_TRUE(new_stream_works(server.port(), "after"));
}

} // namespace
