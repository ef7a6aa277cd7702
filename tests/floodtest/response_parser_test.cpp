#include "response_parser.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace floodtest;

namespace {

// Feeds `wire` in pieces of `step` bytes and writes the events as text:
// "head 200", "data <bytes>", "chunk", "end", "error".
std::vector<std::string> events_of(const std::string& wire, std::size_t step,
                                   response_parser& parser) {
  std::vector<std::string> out;
  std::string data;
  for (std::size_t pos = 0; pos < wire.size(); pos += step) {
    std::string_view input{wire.data() + pos,
                           std::min(step, wire.size() - pos)};
    for (;;) {
      auto ev = parser.next(input);
      if (ev.kind == parse_event::need_more)
        break;
      if (ev.kind == parse_event::data) {
        data.append(ev.bytes);
        continue;
      }
      if (!data.empty())
        out.push_back("data " + std::exchange(data, {}));
      switch (ev.kind) {
        case parse_event::head:
          out.push_back("head " + std::to_string(parser.status()));
          break;
        case parse_event::chunk_end:
          out.push_back("chunk");
          break;
        case parse_event::end:
          out.push_back("end");
          break;
        default:
          out.push_back("error");
          return out;
      }
    }
  }
  if (!data.empty())
    out.push_back("data " + data);
  return out;
}

std::vector<std::string> events_of(const std::string& wire, std::size_t step) {
  response_parser parser;
  return events_of(wire, step, parser);
}

const std::string chunked_response
  = "HTTP/1.1 200 OK\r\n"
    "Server: caf-comet\r\n"
    "transfer-encoding: Chunked\r\n"
    "\r\n"
    "28\r\nMochiconntest welcomes you! Your Id: 42\n\r\n"
    "12;ext=1\r\nChunk 1 for id 42\n\r\n"
    "0\r\n"
    "X-Trailer: t\r\n"
    "\r\n";

const std::vector<std::string> chunked_events{
  "head 200",
  "data Mochiconntest welcomes you! Your Id: 42\n",
  "chunk",
  "data Chunk 1 for id 42\n",
  "chunk",
  "end",
};

} // namespace

TEST(floodtest_response_parser, decodes_chunked_stream_in_one_piece) {
  EXPECT_EQ(events_of(chunked_response, chunked_response.size()),
            chunked_events);
}

TEST(floodtest_response_parser, decodes_chunked_stream_split_at_every_byte) {
  for (std::size_t step : {1, 2, 3, 7, 13})
    EXPECT_EQ(events_of(chunked_response, step), chunked_events) << step;
}

TEST(floodtest_response_parser, reports_status_of_a_refusal) {
  response_parser parser;
  auto events = events_of(
    "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy", 64,
    parser);
  EXPECT_EQ(events, (std::vector<std::string>{"head 503", "data busy", "chunk",
                                              "end"}));
  EXPECT_EQ(parser.status(), 503);
}

TEST(floodtest_response_parser, ends_empty_bodies_at_once) {
  EXPECT_EQ(events_of("HTTP/1.1 204 No Content\r\n\r\n", 64),
            (std::vector<std::string>{"head 204", "end"}));
  EXPECT_EQ(events_of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 64),
            (std::vector<std::string>{"head 200", "end"}));
}

TEST(floodtest_response_parser, close_delimited_body_ends_at_eof) {
  response_parser parser;
  auto events = events_of("HTTP/1.0 200 OK\n\nabc", 2, parser);
  EXPECT_EQ(events, (std::vector<std::string>{"head 200", "data a", "chunk",
                                              "data bc", "chunk"}));
  EXPECT_TRUE(parser.ends_at_eof());
}

TEST(floodtest_response_parser, skips_interim_responses) {
  EXPECT_EQ(events_of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 OK\r\n\r\n", 5),
            (std::vector<std::string>{"head 204", "end"}));
}

// A WebSocket's 101 ends HTTP: the frames after it are left unread.
TEST(floodtest_response_parser, a_101_head_leaves_what_follows_unread) {
  response_parser parser;
  std::string_view input{"HTTP/1.1 101 Switching Protocols\r\n"
                         "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                         "\x81\x05hello"};
  auto ev = parser.next(input);
  EXPECT_EQ(ev.kind, parse_event::head);
  EXPECT_EQ(parser.status(), 101);
  EXPECT_EQ(parser.next(input).kind, parse_event::need_more);
  EXPECT_EQ(input, "\x81\x05hello");
  EXPECT_FALSE(parser.ends_at_eof());
}

TEST(floodtest_response_parser, rejects_what_is_not_http) {
  EXPECT_EQ(events_of("SSH-2.0-OpenSSH\r\n", 64),
            (std::vector<std::string>{"error"}));
  EXPECT_EQ(events_of("HTTP/1.1 2x0 OK\r\n\r\n", 64),
            (std::vector<std::string>{"error"}));
  EXPECT_EQ(events_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "zz\r\n",
                      64),
            (std::vector<std::string>{"head 200", "error"}));
  EXPECT_EQ(events_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "1\r\nab\r\n",
                      64),
            (std::vector<std::string>{"head 200", "data a", "error"}));
}

TEST(floodtest_response_parser, keeps_only_a_few_bytes_per_stream) {
  EXPECT_LE(sizeof(response_parser), 16u);
}
