#include "router/control_tally.hpp"

namespace router {

void control_tally::record(std::string path, int status,
                           std::chrono::nanoseconds took) {
  duration_.observe(took);
  std::lock_guard guard{mutex_};
  ++requests_[{std::move(path), status}];
}

control_figures control_tally::snapshot() const {
  control_figures out;
  out.duration = duration_.snapshot();
  std::lock_guard guard{mutex_};
  for (auto& [key, n] : requests_)
    out.requests.push_back(
      {{{"path", key.first}, {"status", std::to_string(key.second)}}, n});
  return out;
}

} // namespace router
