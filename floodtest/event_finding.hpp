// What a transport's scanner makes of one stream event, alike for every
// transport (the seed's chunks, SSE events, WebSocket frames), so that one
// piece of code (stream_progress) turns events into the figures.
#pragma once

#include <cstdint>

namespace floodtest {

struct event_finding {
  enum kind_t : std::uint8_t {
    none,    // no event ended in the bytes read so far
    welcome, // the stream's first event, N = 0
    tick,    // `value` is its N
    message, // takes the next N; `value` is its stamp in epoch µs, 0: none
    other,   // takes no N: a reset, or an event not understood
  };
  kind_t kind = none;
  std::uint64_t value = 0;
};

} // namespace floodtest
