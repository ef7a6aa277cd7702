// Recognizes the two chunk texts floodtest times, as chunk bytes stream in:
//   "Chunk N for id X\n"            a server tick: N is the tick number
//   "Recvd msg #N: 't=MICROS;...'"  a routed message stamped by its sender
// Only the start of a chunk is looked at, and nothing is buffered: a chunk
// may arrive split anywhere, even inside a number.
#pragma once

#include <cstdint>
#include <string_view>

namespace floodtest {

struct chunk_finding {
  enum kind_t : std::uint8_t { none, tick, stamp };
  kind_t kind = none;
  std::uint64_t value = 0; // the tick number, or the stamp in epoch µs
};

class chunk_scanner {
public:
  // Call at the start of every chunk.
  void reset() { *this = chunk_scanner{}; }

  // Feeds the next bytes of the current chunk. Reports a finding at most
  // once per chunk, in the call whose bytes complete it.
  chunk_finding feed(std::string_view bytes);

private:
  // Which text the chunk is turning out to be.
  std::uint8_t pattern_ = 0;
  // The step of that text being matched; past the last step: done.
  std::uint8_t step_ = 0;
  // Characters of a literal step matched, or digits of a number step read.
  std::uint8_t matched_ = 0;
  // The number being read, if the step's number is the one reported.
  std::uint64_t value_ = 0;
};

} // namespace floodtest
