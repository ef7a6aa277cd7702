#include "router/share_queue.hpp"

#include <algorithm>
#include <utility>

namespace router {

void send_tally::add(std::uint64_t n) {
  reached += n;
  if (--left == 0)
    done(reached);
}

void share_queue::push(message_batch share, send_tally_ptr tally,
                       clock::time_point now) {
  waiting_.push_back({std::move(share), std::move(tally), now});
}

bool share_queue::ready() const {
  return !busy_ && !waiting_.empty();
}

share_queue::clock::time_point share_queue::oldest() const {
  return waiting_.front().since;
}

void share_queue::hold() {
  busy_ = true;
}

share_queue::taken share_queue::take() {
  taken out;
  auto n = std::min(waiting_.size(), max_merged_shares);
  out.shares.reserve(n);
  out.tallies.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.shares.push_back(std::move(waiting_.front().share));
    out.tallies.push_back(std::move(waiting_.front().tally));
    waiting_.pop_front();
  }
  busy_ = true;
  return out;
}

void share_queue::release() {
  busy_ = false;
}

void share_queue::abandon() {
  auto waiting = std::move(waiting_);
  waiting_.clear();
  for (auto& entry : waiting)
    entry.tally->add(0);
}

} // namespace router
