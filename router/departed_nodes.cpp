#include "router/departed_nodes.hpp"

#include "router/figures.hpp"

namespace router {

void departed_nodes::seen(std::uint32_t number, const node_stats& figures) {
  last_seen_[number] = figures;
}

void departed_nodes::left(std::uint32_t number) {
  auto i = last_seen_.find(number);
  if (i == last_seen_.end())
    return;
  recent_.push_back(std::move(i->second));
  last_seen_.erase(i);
  if (recent_.size() > kept) {
    carry_counters(folded_, recent_.front());
    recent_.pop_front();
  }
}

void departed_nodes::rejoined(const node_info& info) {
  std::erase_if(recent_, [&](const node_stats& n) {
    return n.pid == info.pid && n.node == info.name;
  });
}

node_stats departed_nodes::totals() const {
  auto out = folded_;
  for (auto& gone : recent_)
    carry_counters(out, gone);
  return out;
}

} // namespace router
