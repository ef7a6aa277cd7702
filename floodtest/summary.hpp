// The numbers one floodtest run reports: the seed's {Active,Closed,Chunks}
// plus what the JSON summary adds. The receiver actor owns one; the parent of
// --processes merges its children's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "histogram.hpp"

namespace floodtest {

struct summary {
  std::uint64_t active = 0;   // response head arrived, stream still open
  std::uint64_t closed = 0;   // ended for any reason, connect failures too
  std::uint64_t chunks = 0;   // events received, the welcome included: HTTP
                              // chunks, SSE events or WebSocket messages
  std::uint64_t gaps = 0;     // ticks whose N skipped events
  std::uint64_t opened = 0;   // URLs we tried to open
  std::uint64_t connect_failures = 0; // closed before a connection existed
  double elapsed_s = 0;
  double last_start_s = 0;    // when the last stream started: the ramp's end
  std::uint32_t tick_ms = 0;  // the server's tick (--tick); 0: not timed
  histogram lateness;         // tick chunks: arrival - due time
  histogram delivery;         // stamped messages: arrival - stamp

  // "Stats: {Active,Closed,Chunks}", exactly as the seed prints it.
  std::string stats_line() const;

  // The one-line JSON summary. It carries the histograms' buckets, so that a
  // parent process or a benchmark can merge the percentiles of several.
  nlohmann::json to_json() const;

  // The inverse of to_json; nothing when `j` is not such a summary.
  static std::optional<summary> from_json(const nlohmann::json& j);

  // Adds another process's numbers; elapsed is the longer of both.
  void merge(const summary& other);
};

// Reads {Active,Closed,Chunks} back from a stats line.
std::optional<summary> parse_stats_line(std::string_view line);

} // namespace floodtest
