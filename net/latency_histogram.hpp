// A latency histogram cheap enough for every tick and every routed chunk:
// fixed buckets of relaxed atomic counts, no lock and no allocation to
// observe. Its snapshot is a plain value that can be summed bucket-wise over
// the processes of a cluster and cross CAF's node port (see `inspect`).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace net {

// Upper bounds of the buckets, in microseconds: 0.1 ms to 10 s, roughly
// 1-2.5-5 per decade. Every histogram of caf-comet shares them, so /metrics
// and the dashboard read one scale and node snapshots add up.
inline constexpr std::array<std::uint64_t, 16> latency_bounds_us{
  100,    250,    500,     1'000,   2'500,   5'000,     10'000,    25'000,
  50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000,
  10'000'000};

// Counts per bucket (not cumulative): counts[i] holds observations at most
// latency_bounds_us[i] and above the bound before it; the last one those
// above every bound. Empty means nothing observed yet.
struct histogram_counts {
  std::vector<std::uint64_t> counts;
  std::uint64_t sum_ns = 0;

  std::uint64_t count() const {
    std::uint64_t n = 0;
    for (auto c : counts)
      n += c;
    return n;
  }

  histogram_counts& operator+=(const histogram_counts& other) {
    if (counts.size() < other.counts.size())
      counts.resize(other.counts.size());
    for (std::size_t i = 0; i < other.counts.size(); ++i)
      counts[i] += other.counts[i];
    sum_ns += other.sum_ns;
    return *this;
  }
};

// Found by CAF's serializers through argument-dependent lookup.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, histogram_counts& x) {
  return f(x.counts, x.sum_ns);
}

class latency_histogram {
public:
  void observe(std::chrono::nanoseconds took) noexcept {
    auto ns = static_cast<std::uint64_t>(std::max<std::int64_t>(took.count(), 0));
    // The first bound at or above `ns`, as Prometheus's `le` reads it.
    auto bucket = std::lower_bound(latency_bounds_us.begin(),
                                   latency_bounds_us.end(), ns,
                                   [](std::uint64_t bound_us, std::uint64_t x) {
                                     return bound_us * 1000 < x;
                                   })
                  - latency_bounds_us.begin();
    counts_[static_cast<std::size_t>(bucket)].fetch_add(
      1, std::memory_order_relaxed);
    sum_ns_.fetch_add(ns, std::memory_order_relaxed);
  }

  // Since `unix_ns`, a time on the system clock (other processes, even
  // other hosts, stamp with it); a clock that went back counts as 0.
  void observe_since_unix_ns(std::int64_t unix_ns) noexcept;

  histogram_counts snapshot() const {
    histogram_counts out;
    out.counts.reserve(counts_.size());
    for (auto& c : counts_)
      out.counts.push_back(c.load(std::memory_order_relaxed));
    out.sum_ns = sum_ns_.load(std::memory_order_relaxed);
    return out;
  }

private:
  std::array<std::atomic<std::uint64_t>, latency_bounds_us.size() + 1> counts_{};
  std::atomic<std::uint64_t> sum_ns_{0};
};

// Now on the system clock, as a routed message's arrival is stamped.
inline std::int64_t unix_now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

inline void latency_histogram::observe_since_unix_ns(std::int64_t unix_ns) noexcept {
  observe(std::chrono::nanoseconds{unix_now_ns() - unix_ns});
}

} // namespace net
