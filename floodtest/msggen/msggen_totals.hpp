// What one msggen run counts, and how it prints it at the end: one human
// line, then one JSON line for scripts. Counts are of messages, whether they
// went one per POST or in batches; `posts` counts the POSTs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "histogram.hpp"

namespace floodtest {

struct msggen_totals {
  // floodtest's histogram counts whole units; here a unit is 10 µs (answers
  // on loopback take a fraction of a millisecond), up to 2 s.
  static constexpr double latency_unit_ms = 0.01;
  static constexpr std::uint32_t latency_limit = 200'000;

  double rate_asked = 0;
  std::uint64_t connections = 0;
  std::uint64_t batch = 1;     // messages per POST, at most
  std::uint64_t requests = 0;  // messages taken up: ok + failed
  std::uint64_t posts = 0;     // POSTs taken up, each of 1 to `batch` messages
  std::uint64_t ok = 0;        // in POSTs answered 200 {"delivered":N}
  std::uint64_t failed = 0;    // in POSTs with any other answer, none, or no
                               // connection
  std::uint64_t delivered = 0; // the sum of the N answered
  double elapsed_s = 0;        // the sending window
  histogram latency{latency_limit}; // POST written -> answer read

  void record_answer(std::chrono::nanoseconds took);

  double rate_achieved() const; // ok answers per second of the window
  double latency_ms(double p) const; // -1: no answers

  std::string human_line() const;
  nlohmann::json to_json() const;
};

} // namespace floodtest
