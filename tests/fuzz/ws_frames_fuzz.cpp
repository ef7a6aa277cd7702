// floodtest's reading of a WebSocket server's frames on arbitrary bytes
// (what follows the 101 head): the frame parser (floodtest/ws_frame_parser)
// and, on the text of every message, the event scanner (ws_event_scanner),
// as stream_client drives them. Read whole and cut into pieces
// (tests/fuzz/cuts.hpp), it must say the same frames and events. Beyond that
// and what the sanitizers catch, it checks the frames' contract: payload
// bytes lie within the input and add up to the announced length, a control
// frame is final and within max_control_payload, and nothing follows an error or a
// close frame.
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "tests/fuzz/cuts.hpp"
#include "ws_event_scanner.hpp"
#include "ws_frame_parser.hpp"
#include "ws_protocol.hpp"

namespace {

using floodtest::event_finding;
using floodtest::ws_frame_event;
using floodtest::ws_opcode;

void check(bool ok) {
  if (!ok)
    std::abort();
}

struct frame {
  int opcode = 0;
  bool fin = false;
  std::uint64_t length = 0; // announced
  std::string payload;
  int close_code = 0;
  bool operator==(const frame&) const = default;
};

// What a client learns from the frames, whatever the cut.
struct transcript {
  std::vector<frame> frames;
  std::vector<std::pair<int, std::uint64_t>> events; // kind, value
  bool over = false; // an error or a close frame ended the stream
  bool operator==(const transcript&) const = default;
};

bool carries_text(ws_opcode op) {
  return op == ws_opcode::text || op == ws_opcode::continuation;
}

// Feeds one piece; false once the stream is over.
bool read_piece(floodtest::ws_frame_parser& parser,
                floodtest::ws_event_scanner& events, std::string_view input,
                transcript& out) {
  int idle = 0; // a frame's end (and the next start) may consume nothing
  for (;;) {
    const char* from = input.data();
    auto before = input.size();
    auto ev = parser.next(input);
    idle = input.size() == before ? idle + 1 : 0;
    check(input.size() <= before && idle <= 3);
    switch (ev.kind) {
      case ws_frame_event::need_more:
        check(input.empty());
        return true;
      case ws_frame_event::frame_start: {
        bool control = (static_cast<std::uint8_t>(parser.opcode())
                        & floodtest::ws_header::control) != 0;
        check(!control
              || (parser.fin()
                  && parser.payload_left() <= floodtest::max_control_payload));
        out.frames.push_back({static_cast<int>(parser.opcode()), parser.fin(),
                              parser.payload_left(), {}, 0});
        break;
      }
      case ws_frame_event::payload:
        check(!out.frames.empty() && !ev.bytes.empty()
              && ev.bytes.data() >= from
              && ev.bytes.data() + ev.bytes.size() <= from + before);
        out.frames.back().payload.append(ev.bytes);
        if (carries_text(parser.opcode()))
          events.feed(ev.bytes);
        break;
      case ws_frame_event::frame_end: {
        check(!out.frames.empty());
        auto& f = out.frames.back();
        check(f.payload.size() == f.length);
        if (parser.opcode() == ws_opcode::close) {
          f.close_code = parser.close_code();
          out.over = true;
          return false;
        }
        if (carries_text(parser.opcode()) && parser.fin()) {
          auto found = events.finish();
          out.events.emplace_back(found.kind, found.value);
        }
        break;
      }
      case ws_frame_event::error:
        out.over = true;
        return false;
    }
  }
}

transcript read_frames(std::string_view wire, std::size_t piece) {
  floodtest::ws_frame_parser parser;
  floodtest::ws_event_scanner events;
  transcript out;
  fuzz::for_each_piece(wire, piece, [&](std::string_view input) {
    return read_piece(parser, events, input, out);
  });
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  auto [piece, wire] = fuzz::cut(data, size);
  check(read_frames(wire, wire.size() + 1) == read_frames(wire, piece));
  return 0;
}
