// Fixed 1 ms buckets from 0 to `limit_ms`, plus one bucket for everything
// later: constant memory, constant-time add, percentiles exact to the ms, and
// histograms of several processes merge by adding buckets. The buckets (80 KB
// at the default limit) come with the first sample: each of floodtest's
// processes holds two histograms, and most runs fill one or none.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace floodtest {

class histogram {
public:
  static constexpr std::uint32_t default_limit_ms = 10'000;

  histogram() : histogram(default_limit_ms) {
  }

  explicit histogram(std::uint32_t limit_ms) : limit_ms_(limit_ms) {
  }

  std::uint32_t limit_ms() const { return limit_ms_; }

  void add(std::uint32_t ms, std::uint64_t n = 1) {
    if (buckets_.empty())
      buckets_.resize(std::size_t{limit_ms_} + 1);
    buckets_[std::min(ms, limit_ms_)] += n;
    count_ += n;
  }

  std::uint64_t count() const { return count_; }

  // The smallest bucket (its lower edge in ms) below or at which a fraction
  // `p` of the samples lie; limit_ms() means "later than the limit".
  std::uint32_t percentile(double p) const {
    if (count_ == 0)
      return 0;
    auto wanted = static_cast<std::uint64_t>(
      std::ceil(p * static_cast<double>(count_)));
    wanted = std::clamp<std::uint64_t>(wanted, 1, count_);
    std::uint64_t seen = 0;
    for (std::uint32_t ms = 0; ms < buckets_.size(); ++ms)
      if ((seen += buckets_[ms]) >= wanted)
        return ms;
    return limit_ms();
  }

  void merge(const histogram& other) {
    for (auto [ms, n] : other.nonzero())
      add(ms, n);
  }

  // (ms, count) of every non-empty bucket: how histograms travel as JSON.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> nonzero() const {
    std::vector<std::pair<std::uint32_t, std::uint64_t>> result;
    for (std::uint32_t ms = 0; ms < buckets_.size(); ++ms)
      if (buckets_[ms] != 0)
        result.emplace_back(ms, buckets_[ms]);
    return result;
  }

private:
  std::uint32_t limit_ms_;
  std::vector<std::uint64_t> buckets_; // empty until the first sample
  std::uint64_t count_ = 0;
};

} // namespace floodtest
