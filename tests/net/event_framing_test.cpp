// The bytes of a stream's head and events in each transport, exactly.
#include <gtest/gtest.h>

#include "net/event_framing.hpp"

namespace {

using net::event_kind;
using net::stream_format;

std::string sse(event_kind kind, std::string_view text, std::uint64_t seq = 0) {
  return net::frame_event(stream_format::sse, {kind, 3, seq, text});
}

std::string json(event_kind kind, std::string_view text, std::uint64_t seq = 0) {
  return net::frame_event(stream_format::json, {kind, 3, seq, text});
}

} // namespace

TEST(stream_head, is_a_chunked_html_200) {
  EXPECT_EQ(net::stream_head(net::stream_format::html, true),
            "HTTP/1.1 200 OK\r\nServer: caf-comet/" CAF_COMET_VERSION
            "\r\nContent-Type: text/html; charset=utf-8\r\n"
            "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n");
}

TEST(stream_head, for_http10_ends_with_the_connection_instead_of_chunks) {
  EXPECT_EQ(net::stream_head(net::stream_format::html, false),
            "HTTP/1.1 200 OK\r\nServer: caf-comet/" CAF_COMET_VERSION
            "\r\nContent-Type: text/html; charset=utf-8\r\n"
            "Connection: close\r\nCache-Control: no-cache\r\n\r\n");
}

TEST(stream_head, of_sse_is_an_event_stream_not_buffered_by_proxies) {
  EXPECT_EQ(net::stream_head(stream_format::sse, true),
            "HTTP/1.1 200 OK\r\nServer: caf-comet/" CAF_COMET_VERSION
            "\r\nContent-Type: text/event-stream\r\nX-Accel-Buffering: no\r\n"
            "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n");
}

TEST(html_events, are_the_seeds_texts_and_escape_only_messages) {
  EXPECT_EQ(net::frame_event(stream_format::html,
                             {event_kind::tick, 3, 0, "Chunk 3 for id a\n"}),
            "Chunk 3 for id a\n");
  EXPECT_EQ(net::frame_event(stream_format::html,
                             {event_kind::message, 4, 9, "<b>'hi'</b>"}),
            "Recvd msg #4: '&lt;b&gt;&#39;hi&#39;&lt;/b&gt;'<br/>");
}

TEST(sse_events, welcome_carries_the_retry_hint) {
  EXPECT_EQ(sse(event_kind::welcome, "Mochiconntest welcomes you! Your Id: a\n"),
            "retry: 2000\nevent: welcome\n"
            "data: Mochiconntest welcomes you! Your Id: a\n\n");
}

TEST(sse_events, a_tick_is_a_named_event) {
  EXPECT_EQ(sse(event_kind::tick, "Chunk 3 for id a\n"),
            "event: tick\ndata: Chunk 3 for id a\n\n");
}

TEST(sse_events, a_message_has_its_seq_as_id_and_is_not_escaped) {
  EXPECT_EQ(sse(event_kind::message, "<b>hi</b>", 42), "id: 42\ndata: <b>hi</b>\n\n");
}

TEST(sse_events, every_line_of_a_message_is_a_data_line) {
  EXPECT_EQ(sse(event_kind::message, "one\ntwo\r\nthree\rfour", 7),
            "id: 7\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
  EXPECT_EQ(sse(event_kind::message, "a\n\nb", 8), "id: 8\ndata: a\ndata: \ndata: b\n\n");
  EXPECT_EQ(sse(event_kind::message, "", 9), "id: 9\ndata: \n\n");
}

TEST(sse_events, a_reset_says_what_was_missed) {
  EXPECT_EQ(sse(event_kind::reset, "missed"), "event: reset\ndata: missed\n\n");
  EXPECT_EQ(net::sse_heartbeat, ":\n\n");
}

TEST(json_events, carry_type_seq_and_text) {
  EXPECT_EQ(json(event_kind::welcome, "hello\n"),
            R"({"type":"welcome","seq":3,"text":"hello\n"})");
  EXPECT_EQ(json(event_kind::message, "say \"hi\"", 12),
            R"({"type":"message","seq":12,"text":"say \"hi\""})");
  EXPECT_EQ(json(event_kind::tick, std::string_view{"\xff", 1}),
            "{\"type\":\"tick\",\"seq\":3,\"text\":\"\xef\xbf\xbd\"}");
}
