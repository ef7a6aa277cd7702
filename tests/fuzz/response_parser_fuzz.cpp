// floodtest's reading of a server's HTTP response on arbitrary bytes: the
// incremental response parser (floodtest/response_parser.hpp), the chunk
// scanner on the bytes as one chunk (chunk_scanner.hpp) and the SSE scanner
// on the body (sse_scanner.hpp). Read whole and cut into pieces
// (tests/fuzz/cuts.hpp), it must say the same: status, body, ending (or
// where a 101 hands the connection to WebSocket, ws_frames_fuzz's part),
// chunk findings and SSE events. Beyond that and what the sanitizers catch,
// it checks that body bytes lie within the input given, that every call
// makes progress and that nothing follows an ending.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "chunk_scanner.hpp"
#include "response_parser.hpp"
#include "sse_scanner.hpp"
#include "tests/fuzz/cuts.hpp"

namespace {

using floodtest::chunk_finding;
using floodtest::event_finding;
using floodtest::parse_event;

void check(bool ok) {
  if (!ok)
    std::abort();
}

constexpr int switching_protocols = 101;

// What a client learns from a response, whatever the cut.
struct transcript {
  int status = -1;             // -1: no head (yet)
  std::string body;            // every data event's bytes
  int ending = -1;             // parse_event::end or ::error; -1: neither
  std::size_t switched_at = 0; // after a 101: where the other protocol starts
  bool operator==(const transcript&) const = default;
};

// Feeds the piece at `offset` of the response; false once it is over.
bool read_piece(floodtest::response_parser& parser, std::string_view input,
                std::size_t offset, transcript& out) {
  // Events that consume nothing come at most twice in a row (a piece's
  // end, then the response's end); more would be a loop.
  int idle = 0;
  const char* piece_start = input.data();
  for (;;) {
    const char* from = input.data();
    auto before = input.size();
    auto ev = parser.next(input);
    idle = input.size() == before ? idle + 1 : 0;
    check(input.size() <= before && idle <= 3);
    switch (ev.kind) {
      case parse_event::need_more:
        check(input.empty() || out.ending != -1);
        return out.ending == -1;
      case parse_event::head:
        check(out.status == -1 && parser.status() <= 999); // three digits
        out.status = parser.status();
        if (out.status == switching_protocols) {
          // The rest is not HTTP: the parser must leave it unread.
          out.ending = ev.kind;
          out.switched_at
            = offset + static_cast<std::size_t>(input.data() - piece_start);
        }
        break;
      case parse_event::data:
        check(out.status != -1 && !ev.bytes.empty() && ev.bytes.data() >= from
              && ev.bytes.data() + ev.bytes.size() <= from + before);
        out.body.append(ev.bytes);
        break;
      case parse_event::chunk_end:
        check(out.status != -1);
        break;
      case parse_event::end:
      case parse_event::error:
        check(out.ending == -1);
        out.ending = ev.kind;
        break;
    }
  }
}

transcript read_response(std::string_view wire, std::size_t piece) {
  floodtest::response_parser parser;
  transcript out;
  std::size_t offset = 0;
  fuzz::for_each_piece(wire, piece, [&](std::string_view input) {
    auto more = read_piece(parser, input, offset, out);
    offset += input.size();
    return more;
  });
  return out;
}

// A finding as kind and value, to compare.
using finding = std::pair<int, std::uint64_t>;

// The chunk scanner's findings, the bytes taken as one chunk.
std::vector<finding> scan_chunk(std::string_view text, std::size_t piece) {
  floodtest::chunk_scanner scanner;
  std::vector<finding> found;
  fuzz::for_each_piece(text, piece, [&](std::string_view input) {
    if (auto f = scanner.feed(input); f.kind != chunk_finding::none)
      found.emplace_back(f.kind, f.value);
    return true;
  });
  check(found.size() <= 1); // at most once per chunk
  return found;
}

// The SSE events of a body.
std::vector<finding> scan_events(std::string_view body, std::size_t piece) {
  floodtest::sse_scanner scanner;
  std::vector<finding> found;
  fuzz::for_each_piece(body, piece, [&](std::string_view input) {
    for (auto f = scanner.next(input); f.kind != event_finding::none;
         f = scanner.next(input))
      found.emplace_back(f.kind, f.value);
    check(input.empty()); // it reads all it is given
    return true;
  });
  return found;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  auto [piece, wire] = fuzz::cut(data, size);
  auto whole = read_response(wire, wire.size() + 1);
  check(whole == read_response(wire, piece));
  check(scan_chunk(wire, wire.size() + 1) == scan_chunk(wire, piece));
  check(scan_events(whole.body, whole.body.size() + 1)
        == scan_events(whole.body, piece));
  return 0;
}
