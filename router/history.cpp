#include "router/history.hpp"

#include <algorithm>

namespace router {

namespace {

// What a kept message costs beside its text: its seq, its string and its
// slot in the id's vector, plus the allocator's headers and the vector's and
// the id's entries' share (bench/history: ~72 B measured, 100-byte texts).
constexpr std::size_t message_overhead = sizeof(kept_message) + 32;

std::uint64_t micros(message_history::clock::time_point t) {
  return static_cast<std::uint64_t>(
    std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch())
      .count());
}

} // namespace

message_history::message_history(history_limits limits) : limits_(limits) {
}

std::uint64_t message_history::next_seq(clock::time_point now) {
  last_seq_ = std::max(last_seq_ + 1, micros(now));
  return last_seq_;
}

std::uint64_t message_history::record(const std::string& id,
                                      const std::string& text,
                                      clock::time_point now) {
  auto seq = next_seq(now);
  expire(now);
  if (limits_.size == 0)
    return seq;
  auto [i, fresh] = by_id_.try_emplace(id);
  auto& e = i->second;
  if (fresh)
    e.in_order = by_age_.insert(by_age_.end(), id);
  else
    by_age_.splice(by_age_.end(), by_age_, e.in_order);
  if (e.kept.size() == limits_.size)
    drop_oldest_message(e);
  e.kept.push_back({seq, text});
  ++messages_;
  bytes_ += text.size() + message_overhead;
  while (bytes_ > limits_.max_bytes && !by_age_.empty()) {
    auto oldest = by_id_.find(by_age_.front());
    drop_oldest_message(oldest->second);
    if (oldest->second.kept.empty())
      erase(oldest);
  }
  return seq;
}

missed message_history::after(const std::string& id, std::uint64_t seq,
                              clock::time_point now) {
  missed out;
  expire(now);
  auto i = by_id_.find(id);
  if (i == by_id_.end())
    return out;
  auto horizon = micros(now - limits_.ttl);
  out.gap = i->second.dropped_through > seq;
  for (auto& m : i->second.kept) {
    if (m.seq <= seq)
      continue;
    if (m.seq > horizon)
      out.messages.push_back(m);
    else
      out.gap = true; // expired, though newer ones are kept
  }
  return out;
}

void message_history::expire(clock::time_point now) {
  auto horizon = micros(now - limits_.ttl);
  // by_age_ is ordered by each id's newest message: stop at the first id
  // that has one within the ttl. Its older messages go when it is written.
  while (!by_age_.empty()) {
    auto i = by_id_.find(by_age_.front());
    if (i->second.kept.back().seq > horizon)
      break;
    erase(i);
  }
}

void message_history::drop_oldest_message(entry& e) {
  auto& oldest = e.kept.front();
  e.dropped_through = std::max(e.dropped_through, oldest.seq);
  --messages_;
  bytes_ -= oldest.text.size() + message_overhead;
  e.kept.erase(e.kept.begin());
}

void message_history::erase(std::unordered_map<std::string, entry>::iterator i) {
  for (auto& m : i->second.kept)
    bytes_ -= m.text.size() + message_overhead;
  messages_ -= i->second.kept.size();
  by_age_.erase(i->second.in_order);
  by_id_.erase(i);
}

} // namespace router
