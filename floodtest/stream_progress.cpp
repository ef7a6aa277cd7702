#include "stream_progress.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include "stream_pool.hpp"

namespace floodtest {

namespace {

std::uint32_t to_ms_clamped(std::int64_t ms) {
  return ms <= 0 ? 0 : static_cast<std::uint32_t>(std::min<std::int64_t>(
                     ms, std::numeric_limits<std::uint32_t>::max()));
}

} // namespace

void stream_progress::on_event(const event_finding& event, stream_pool& pool) {
  switch (event.kind) {
    case event_finding::welcome:
      timed_from_ = pool.now_ticks() + 1;
      last_n_ = 0;
      break;
    case event_finding::tick:
      on_tick(static_cast<std::uint32_t>(event.value), pool);
      break;
    case event_finding::message:
      on_message(event.value, pool);
      break;
    case event_finding::none:
    case event_finding::other:
      break;
  }
}

void stream_progress::on_tick(std::uint32_t n, stream_pool& pool) {
  if (!welcomed())
    return; // not the stream caf-comet sends; nothing to time it against
  if (n != last_n_ + 1)
    pool.record_gap();
  if (pool.tick_ticks() != 0) {
    // Signed: a server may tick a little before its due time.
    auto due = std::int64_t{timed_from_ - 1}
               + (std::int64_t{n} - last_n_) * pool.tick_ticks();
    pool.record_lateness(to_ms_clamped((pool.now_ticks() - due) / 10));
    timed_from_ = static_cast<std::uint32_t>(due + 1);
  }
  last_n_ = n;
}

void stream_progress::on_message(std::uint64_t stamp_us, stream_pool& pool) {
  if (stamp_us != 0) {
    auto now_us = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count());
    // The stamp is the sender's to choose (up to 19 digits): unsigned, a
    // stamp from the future is age 0 instead of an overflow.
    auto age_us = now_us > stamp_us ? now_us - stamp_us : 0;
    pool.record_delivery(to_ms_clamped(static_cast<std::int64_t>(age_us / 1000)));
  }
  if (!welcomed())
    return;
  timed_from_ = pool.now_ticks() + 1;
  ++last_n_;
}

} // namespace floodtest
