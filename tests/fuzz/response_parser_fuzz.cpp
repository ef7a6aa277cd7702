// floodtest's reading of a server's responses on arbitrary bytes: the
// incremental response parser (floodtest/response_parser.hpp) and the chunk
// scanner (floodtest/chunk_scanner.hpp). A real stream is cut anywhere by the
// network, so the input is read twice, whole and in pieces whose size the
// first byte chooses, and what is read must not depend on the cut: the same
// status, body bytes and ending, and the same chunk findings. Beyond that and
// what the sanitizers catch, it checks that body bytes lie within the input
// given, that every call makes progress and that nothing follows an error or
// the end.
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "chunk_scanner.hpp"
#include "response_parser.hpp"

namespace {

using floodtest::chunk_finding;
using floodtest::parse_event;

void check(bool ok) {
  if (!ok)
    std::abort();
}

// What a client learns from a response, whatever the cut.
struct transcript {
  int status = -1;          // -1: no head (yet)
  std::string body;         // every data event's bytes
  int ending = -1;          // parse_event::end or ::error; -1: neither
  bool operator==(const transcript&) const = default;
};

// Feeds one piece; returns false once the response is over.
bool read_piece(floodtest::response_parser& parser, std::string_view input,
                transcript& out) {
  // Events that consume nothing come at most twice in a row (a piece's
  // end, then the response's end); more would be a loop.
  int idle = 0;
  for (;;) {
    auto before = input.size();
    const char* start = input.data();
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
        break;
      case parse_event::data:
        check(out.status != -1 && !ev.bytes.empty()
              && ev.bytes.data() >= start
              && ev.bytes.data() + ev.bytes.size() <= start + before);
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
  while (!wire.empty()) {
    auto input = wire.substr(0, piece);
    wire.remove_prefix(input.size());
    if (!read_piece(parser, input, out))
      break;
  }
  return out;
}

std::vector<chunk_finding> scan_chunk(std::string_view text,
                                      std::size_t piece) {
  floodtest::chunk_scanner scanner;
  std::vector<chunk_finding> found;
  for (; !text.empty(); text.remove_prefix(std::min(piece, text.size())))
    if (auto f = scanner.feed(text.substr(0, piece));
        f.kind != chunk_finding::none)
      found.push_back(f);
  return found;
}

bool same(const std::vector<chunk_finding>& a,
          const std::vector<chunk_finding>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].value != b[i].value)
      return false;
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0)
    return 0;
  std::size_t piece = data[0] == 0 ? size : data[0];
  std::string_view wire{reinterpret_cast<const char*>(data) + 1, size - 1};
  check(read_response(wire, wire.size() + 1) == read_response(wire, piece));
  // The scanner sees one chunk's bytes; the same input serves as one.
  auto whole = scan_chunk(wire, wire.size() + 1);
  check(whole.size() <= 1 && same(whole, scan_chunk(wire, piece)));
  return 0;
}
