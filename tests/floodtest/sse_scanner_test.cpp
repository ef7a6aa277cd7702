#include "sse_scanner.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace floodtest;

namespace {

// The bytes caf-comet sends on /sse/7 (net/event_framing.cpp): the welcome,
// a tick, a stamped message, a heartbeat, a message of two lines, a reset.
const std::string sse_body
  = "retry: 2000\nevent: welcome\n"
    "data: Mochiconntest welcomes you! Your Id: 7\n\n"
    "event: tick\ndata: Chunk 1 for id 7\n\n"
    "id: 3\ndata: t=1700000000123456;msggen #1\n\n"
    ":\n\n"
    "id: 4\ndata: first line\ndata: t=5; second line\n\n"
    "event: reset\ndata: messages were missed: the history no longer holds "
    "them\n\n"
    "event: tick\ndata: Chunk 4 for id 7\n\n";

const std::vector<std::string> sse_findings{
  "welcome", "tick 1", "message 1700000000123456", "message 0", "other",
  "tick 4"};

std::string describe(const event_finding& found) {
  switch (found.kind) {
    case event_finding::welcome:
      return "welcome";
    case event_finding::tick:
      return "tick " + std::to_string(found.value);
    case event_finding::message:
      return "message " + std::to_string(found.value);
    case event_finding::other:
      return "other";
    case event_finding::none:
      break;
  }
  return "none";
}

// Feeds `body` cut at `cut`, then in pieces of `step` bytes; the findings.
std::vector<std::string> findings_of(const std::string& body, std::size_t cut,
                                     std::size_t step) {
  sse_scanner scanner;
  std::vector<std::string> out;
  auto feed = [&](std::string_view input) {
    for (auto found = scanner.next(input); found.kind != event_finding::none;
         found = scanner.next(input))
      out.push_back(describe(found));
    EXPECT_TRUE(input.empty());
  };
  feed(std::string_view{body}.substr(0, cut));
  for (auto pos = cut; pos < body.size(); pos += step)
    feed(std::string_view{body}.substr(pos, step));
  return out;
}

std::vector<std::string> findings_of(const std::string& body) {
  return findings_of(body, body.size(), 1);
}

} // namespace

TEST(floodtest_sse_scanner, reads_caf_comets_events) {
  EXPECT_EQ(findings_of(sse_body), sse_findings);
}

TEST(floodtest_sse_scanner, events_split_at_every_byte_read_the_same) {
  for (std::size_t cut = 0; cut <= sse_body.size(); ++cut)
    ASSERT_EQ(findings_of(sse_body, cut, sse_body.size()), sse_findings)
      << "cut at " << cut;
  for (std::size_t step = 1; step <= 7; ++step)
    ASSERT_EQ(findings_of(sse_body, 0, step), sse_findings) << "step " << step;
}

TEST(floodtest_sse_scanner, takes_crlf_and_no_space_after_the_colon) {
  EXPECT_EQ(findings_of("event:tick\r\ndata:Chunk 12 for id 1\r\n\r\n"),
            std::vector<std::string>{"tick 12"});
}

TEST(floodtest_sse_scanner, field_order_does_not_matter) {
  EXPECT_EQ(findings_of("data: Chunk 2 for id 1\nevent: tick\n\n"),
            std::vector<std::string>{"tick 2"});
}

TEST(floodtest_sse_scanner, events_without_data_are_no_events) {
  EXPECT_TRUE(findings_of(":\n\n\n\nretry: 2000\n\nevent: tick\n\n").empty());
  // What an event without data said is forgotten with it.
  EXPECT_EQ(findings_of("event: tick\n\ndata: x\n\n"),
            std::vector<std::string>{"message 0"});
}

TEST(floodtest_sse_scanner, texts_of_other_shapes_are_not_ticks_or_stamps) {
  EXPECT_EQ(findings_of("event: tick\ndata: Chunk x for id 1\n\n"
                        "event: tick\ndata: Chunk 12\n\n"
                        "event: ticks\ndata: Chunk 1 for id 1\n\n"
                        "data: t=12\n\n"
                        "data: x\ndata: t=12;\n\n"
                        "data\n\n"
                        "event: message\ndata: t=7;\n\n"),
            (std::vector<std::string>{"other", "other", "other", "message 0",
                                      "message 0", "message 0", "message 7"}));
}
