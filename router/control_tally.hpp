// The control port's own figures: answers counted by path and status, and
// how long each took. Recorded on the io thread as answers are written, read
// by whoever renders /stats or /metrics; a handful of requests a second at
// most, so a mutex is cheap here (the streams never touch it).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "net/latency_histogram.hpp"

namespace router {

// One labelled count of a figure, e.g. {{"path","/send"},{"status","200"}}.
struct labelled_count {
  std::vector<std::pair<std::string, std::string>> labels;
  std::uint64_t value = 0;
};

struct control_figures {
  std::vector<labelled_count> requests; // by path and status
  net::histogram_counts duration;
};

class control_tally {
public:
  // `path`: one of the control port's paths or "other", so that what a
  // client asks for cannot grow the set of labels.
  void record(std::string path, int status, std::chrono::nanoseconds took);

  control_figures snapshot() const;

private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  net::latency_histogram duration_;
};

} // namespace router
