// What one stream's events say about the server, whatever the transport:
// each tick's lateness against its due time (with --tick), each stamped
// message's delivery time, and gaps in N. 8 bytes per stream.
//
// A tick N is due at timed_from_ - 1 + (N - last_n_) * tick (pool ticks):
// the welcome (N = 0) sets timed_from_, every tick moves it on, and every
// message, which takes the next N and restarts the server's interval, sets
// it to its own arrival. A tick whose N is not last_n_ + 1 is a gap: an
// event the server counted never arrived.
#pragma once

#include <cstdint>

#include "event_finding.hpp"

namespace floodtest {

class stream_pool;

class stream_progress {
public:
  // True once the welcome arrived.
  bool welcomed() const { return timed_from_ != 0; }

  // Counts what `event` says in the pool's figures.
  void on_event(const event_finding& event, stream_pool& pool);

private:
  void on_tick(std::uint32_t n, stream_pool& pool);
  void on_message(std::uint64_t stamp_us, stream_pool& pool);

  std::uint32_t timed_from_ = 0; // 0: no welcome yet
  std::uint32_t last_n_ = 0;
};

} // namespace floodtest
