// Server-wide counters: written on the io threads (and the ticker's thread),
// read by anyone (the control port's /stats and /metrics, benchmarks).
// Relaxed atomics suffice: each is an independent tally, never used to order
// other memory. One set per process: a connection pays nothing for them.
#pragma once

#include <atomic>
#include <cstdint>

#include "net/latency_histogram.hpp"

namespace net {

struct counters {
  std::atomic<std::uint64_t> connections{0};  // admitted sockets still open
  std::atomic<std::uint64_t> streams{0};      // streaming responses still open
  std::atomic<std::uint64_t> sse_streams{0};  // of which Server-Sent Events
  std::atomic<std::uint64_t> ws_streams{0};   // of which WebSockets
  std::atomic<std::uint64_t> chunks_sent{0};  // chunks fully written to sockets
  std::atomic<std::uint64_t> rejected{0};     // 503 answers at the cap
  std::atomic<std::uint64_t> slow_closed{0};  // closed for exceeding the queue
  std::atomic<std::uint64_t> bad_requests{0}; // 400, 408, 413 and 431 answers
  std::atomic<std::uint64_t> accepted{0};     // connections admitted, ever
  std::atomic<std::uint64_t> streams_started{0}; // streaming responses, ever
  latency_histogram tick_lateness;  // a tick's send after its due time
  latency_histogram routed_latency; // a routed message's control request's
                                    // arrival until its chunk is written
};

inline void bump(std::atomic<std::uint64_t>& counter, std::int64_t delta = 1) {
  counter.fetch_add(static_cast<std::uint64_t>(delta),
                    std::memory_order_relaxed);
}

} // namespace net
