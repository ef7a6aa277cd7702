#include "ws_event_scanner.hpp"

#include <string>

#include <gtest/gtest.h>

using namespace floodtest;

namespace {

// Feeds `text` as one message, cut at `cut` and then in pieces of `step`.
event_finding scan(const std::string& text, std::size_t cut,
                   std::size_t step) {
  ws_event_scanner scanner;
  scanner.feed(std::string_view{text}.substr(0, cut));
  for (auto pos = cut; pos < text.size(); pos += step)
    scanner.feed(std::string_view{text}.substr(pos, step));
  return scanner.finish();
}

// Every cut and a few steps find the same as one piece; that finding.
event_finding scan_every_way(const std::string& text) {
  auto whole = scan(text, text.size(), 1);
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    auto found = scan(text, cut, text.size());
    EXPECT_EQ(found.kind, whole.kind) << text << " cut at " << cut;
    EXPECT_EQ(found.value, whole.value) << text << " cut at " << cut;
  }
  for (std::size_t step : {1, 2, 3}) {
    auto found = scan(text, 0, step);
    EXPECT_EQ(found.kind, whole.kind) << text << " step " << step;
    EXPECT_EQ(found.value, whole.value) << text << " step " << step;
  }
  return whole;
}

} // namespace

// The texts as caf-comet writes them (net/event_framing.cpp).
TEST(floodtest_ws_event_scanner, reads_caf_comets_events_split_anywhere) {
  auto welcome = scan_every_way(
    R"({"type":"welcome","seq":0,"text":"Mochiconntest welcomes you! Your Id: 7\n"})");
  EXPECT_EQ(welcome.kind, event_finding::welcome);

  auto tick
    = scan_every_way(R"({"type":"tick","seq":1234,"text":"Chunk 1234 for id 7\n"})");
  EXPECT_EQ(tick.kind, event_finding::tick);
  EXPECT_EQ(tick.value, 1234u);

  auto stamped = scan_every_way(
    R"({"type":"message","seq":3,"text":"t=1700000000123456;msggen #1"})");
  EXPECT_EQ(stamped.kind, event_finding::message);
  EXPECT_EQ(stamped.value, 1700000000123456u);

  auto plain
    = scan_every_way(R"({"type":"message","seq":4,"text":"t=12 hello"})");
  EXPECT_EQ(plain.kind, event_finding::message);
  EXPECT_EQ(plain.value, 0u);

  auto reset = scan_every_way(
    R"({"type":"reset","seq":9,"text":"messages were missed"})");
  EXPECT_EQ(reset.kind, event_finding::other);
}

TEST(floodtest_ws_event_scanner, texts_of_other_shapes_are_not_understood) {
  for (std::string text :
       {R"({"type":"tick","seq":x,"text":""})", R"({"type":"ticks","seq":1,"text":""})",
        R"({"seq":1,"type":"tick","text":""})", R"({ "type":"tick","seq":1})",
        R"({"type":"tick","seq":1)", "", "hello"})
    EXPECT_EQ(scan(text, text.size(), 1).kind, event_finding::other) << text;
}

TEST(floodtest_ws_event_scanner, starts_over_at_each_message) {
  ws_event_scanner scanner;
  scanner.feed(R"({"type":"tick","seq":1,"text":"Chunk 1 for id 1\n"})");
  EXPECT_EQ(scanner.finish().kind, event_finding::tick);
  scanner.feed(R"({"type":"tick","seq":2,"text":"Chunk 2 for id 1\n"})");
  auto found = scanner.finish();
  EXPECT_EQ(found.kind, event_finding::tick);
  EXPECT_EQ(found.value, 2u);
}
