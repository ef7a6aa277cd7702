#include "ws_frame_parser.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace floodtest;

namespace {

using namespace std::string_literals;

// Feeds `wire` cut at `cut`, then in pieces of `step` bytes, and writes the
// events as text: "text fin 5" (a frame's start: opcode, FIN, length),
// "data <bytes>" (its payload, pieces joined), "end", "close <code>" (a close
// frame's end), "error".
std::vector<std::string> events_of(const std::string& wire, std::size_t cut,
                                   std::size_t step) {
  ws_frame_parser parser;
  std::vector<std::string> out;
  std::string data;
  auto feed = [&](std::string_view input) {
    for (;;) {
      auto ev = parser.next(input);
      switch (ev.kind) {
        case ws_frame_event::need_more:
          return;
        case ws_frame_event::frame_start: {
          static const char* names[] = {"continuation", "text", "binary", "3",
                                        "4", "5", "6", "7", "close", "ping",
                                        "pong"};
          out.push_back(std::string{names[static_cast<int>(parser.opcode())]}
                        + (parser.fin() ? " fin " : " ")
                        + std::to_string(parser.payload_left()));
          break;
        }
        case ws_frame_event::payload:
          data.append(ev.bytes);
          break;
        case ws_frame_event::frame_end:
          if (!data.empty())
            out.push_back("data " + std::exchange(data, {}));
          out.push_back(parser.opcode() == ws_opcode::close
                          ? "close " + std::to_string(parser.close_code())
                          : "end");
          break;
        case ws_frame_event::error:
          out.push_back("error");
          return;
      }
    }
  };
  feed(std::string_view{wire}.substr(0, cut));
  for (auto pos = cut; pos < wire.size(); pos += step)
    feed(std::string_view{wire}.substr(pos, step));
  return out;
}

std::vector<std::string> events_of(const std::string& wire) {
  return events_of(wire, wire.size(), 1);
}

const std::string long_text(300, 'x');
const std::string longer_text(70000, 'y');

// A stream as a server writes it: text frames of the three length forms, a
// fragmented text, a ping between its fragments, an empty ping, a close.
const std::string frames
  = "\x81\x05hello"s
    + "\x81\x7e\x01\x2c"s + long_text
    + "\x81\x7f\x00\x00\x00\x00\x00\x01\x11\x70"s + longer_text
    + "\x01\x02" "ab"s + "\x89\x03pin"s + "\x80\x01" "c"s
    + "\x89\x00"s
    + "\x88\x04\x03\xe9ok"s;

const std::vector<std::string> frame_events{
  "text fin 5", "data hello", "end",
  "text fin 300", "data " + long_text, "end",
  "text fin 70000", "data " + longer_text, "end",
  "text 2", "data ab", "end",
  "ping fin 3", "data pin", "end",
  "continuation fin 1", "data c", "end",
  "ping fin 0", "end",
  "close fin 4", "data \x03\xe9ok", "close 1001"};

} // namespace

TEST(floodtest_ws_frame_parser, reads_each_length_form_and_control_frames) {
  EXPECT_EQ(events_of(frames), frame_events);
}

TEST(floodtest_ws_frame_parser, frames_split_at_every_byte_read_the_same) {
  // The long frames' payloads are cut at every byte too, but only a few
  // ways each, to keep the test quick: every cut in the short frames and
  // the headers, then steps.
  auto short_end = frames.find(long_text);
  for (std::size_t cut = 0; cut <= short_end + 4; ++cut)
    ASSERT_EQ(events_of(frames, cut, frames.size()), frame_events)
      << "cut at " << cut;
  auto tail = frames.size() - 20;
  for (std::size_t cut = tail; cut <= frames.size(); ++cut)
    ASSERT_EQ(events_of(frames, cut, frames.size()), frame_events)
      << "cut at " << cut;
  for (std::size_t step : {1, 2, 3, 7, 100})
    ASSERT_EQ(events_of(frames, 0, step), frame_events) << "step " << step;
}

TEST(floodtest_ws_frame_parser, a_close_without_a_code_has_code_0) {
  EXPECT_EQ(events_of("\x88\x00"s),
            (std::vector<std::string>{"close fin 0", "close 0"}));
}

TEST(floodtest_ws_frame_parser, rejects_what_a_server_may_not_send) {
  const std::vector<std::string> error{"error"};
  EXPECT_EQ(events_of("\x81\x85\x01\x02\x03\x04hello"s), error); // masked
  EXPECT_EQ(events_of("\xc1\x00"s), error);                      // reserved bit
  EXPECT_EQ(events_of("\x83\x00"s), error);                      // opcode 3
  EXPECT_EQ(events_of("\x09\x00"s), error);       // a fragmented ping
  EXPECT_EQ(events_of("\x89\x7e\x00\x7e"s), error); // a 126-byte ping
  EXPECT_EQ(events_of("\x81\x7f\x80\x00\x00\x00\x00\x00\x00\x00"s),
            error); // the length's top bit
}

TEST(floodtest_ws_frame_parser, stays_failed) {
  ws_frame_parser parser;
  std::string_view input{"\x83\x00\x81\x00", 4};
  EXPECT_EQ(parser.next(input).kind, ws_frame_event::error);
  EXPECT_EQ(parser.next(input).kind, ws_frame_event::need_more);
}
