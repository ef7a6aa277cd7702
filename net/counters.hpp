// Server-wide counters: written on the io thread, read by anyone (tests via
// the control port, the start-up line, benchmarks). Relaxed atomics suffice:
// each is an independent tally, never used to order other memory.
#pragma once

#include <atomic>
#include <cstdint>

namespace net {

struct counters {
  std::atomic<std::uint64_t> connections{0};  // admitted sockets still open
  std::atomic<std::uint64_t> streams{0};      // streaming responses still open
  std::atomic<std::uint64_t> chunks_sent{0};  // chunks fully written to sockets
  std::atomic<std::uint64_t> rejected{0};     // 503 answers at the cap
  std::atomic<std::uint64_t> slow_closed{0};  // closed for exceeding the queue
  std::atomic<std::uint64_t> bad_requests{0}; // 400, 408, 413 and 431 answers
};

inline void bump(std::atomic<std::uint64_t>& counter, std::int64_t delta = 1) {
  counter.fetch_add(static_cast<std::uint64_t>(delta),
                    std::memory_order_relaxed);
}

} // namespace net
