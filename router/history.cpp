#include "router/history.hpp"

#include <algorithm>

#include "router/mapped_pages.hpp"

namespace router {

namespace {

// What a kept message costs beside its text: its seq and its string in the
// id's vector, plus the pool's rounding, the vector's spare room and the id's
// entries' share (bench/history: 96 B measured with 100-byte texts, 83 B
// with 20-byte ones).
constexpr std::size_t message_overhead =
  sizeof(std::uint64_t) + sizeof(std::pmr::string) + 40;

std::uint64_t micros(message_history::clock::time_point t) {
  return static_cast<std::uint64_t>(
    std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch())
      .count());
}

// Blocks up to this size come from the pool's chunks; a larger message (the
// control port takes up to 16 KiB) would otherwise cost a mapping of its own.
constexpr std::size_t largest_pooled_block = 64 * 1024;

// An id's messages grow 4, 16, 64... up to history_limits::size, not one
// by one: the pool keeps a block given back for its own size only, and each
// size skipped is one block fewer left behind per id.
constexpr std::size_t kept_growth = 4;

std::pmr::pool_options pooling() {
  std::pmr::pool_options o;
  o.largest_required_pool_block = largest_pooled_block;
  return o;
}

} // namespace

struct message_history::store {
  std::pmr::unsynchronized_pool_resource pool{pooling(), mapped_pages::get()};
  id_map by_id{&pool};
  std::pmr::list<text> by_age{&pool}; // ids, least recently written first
  bool used = false;                  // something was allocated from pool
};

message_history::message_history(history_limits limits)
  : limits_(limits), store_(std::make_unique<store>()) {
}

message_history::~message_history() = default;
message_history::message_history(message_history&&) noexcept = default;
message_history&
message_history::operator=(message_history&&) noexcept = default;

std::size_t message_history::ids() const {
  return store_->by_id.size();
}

std::uint64_t message_history::next_seq(clock::time_point now) {
  last_seq_ = std::max(last_seq_ + 1, micros(now));
  return last_seq_;
}

std::uint64_t message_history::record(const std::string& id,
                                      const std::string& words,
                                      clock::time_point now) {
  auto seq = next_seq(now);
  expire(now);
  if (limits_.size == 0)
    return seq;
  auto& st = *store_;
  st.used = true;
  auto i = st.by_id.find(std::string_view{id});
  if (i == st.by_id.end()) {
    i = st.by_id.try_emplace(text{id, &st.pool}).first;
    i->second.in_order = st.by_age.emplace(st.by_age.end(), id);
  } else {
    st.by_age.splice(st.by_age.end(), st.by_age, i->second.in_order);
  }
  auto& e = i->second;
  if (e.kept.size() == limits_.size)
    drop_oldest_message(e);
  if (e.kept.size() == e.kept.capacity())
    e.kept.reserve(std::min(limits_.size, std::max(kept_growth,
                                                   e.kept.size() * kept_growth)));
  e.kept.push_back({seq, text{words, &st.pool}});
  ++messages_;
  bytes_ += words.size() + message_overhead;
  while (bytes_ > limits_.max_bytes && !st.by_age.empty()) {
    auto oldest = st.by_id.find(st.by_age.front());
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
  auto i = store_->by_id.find(std::string_view{id});
  if (i == store_->by_id.end())
    return out;
  auto horizon = micros(now - limits_.ttl);
  out.gap = i->second.dropped_through > seq;
  for (auto& m : i->second.kept) {
    if (m.seq <= seq)
      continue;
    if (m.seq > horizon)
      out.messages.push_back({m.seq, std::string{m.words}});
    else
      out.gap = true; // expired, though newer ones are kept
  }
  return out;
}

void message_history::expire(clock::time_point now) {
  auto horizon = micros(now - limits_.ttl);
  // by_age is ordered by each id's newest message: stop at the first id
  // that has one within the ttl. Its older messages go when it is written.
  auto& st = *store_;
  while (!st.by_age.empty()) {
    auto i = st.by_id.find(st.by_age.front());
    if (i->second.kept.back().seq > horizon)
      break;
    erase(i);
  }
  release_if_empty();
}

void message_history::release_if_empty() {
  if (store_->used && store_->by_id.empty())
    store_ = std::make_unique<store>();
}

void message_history::drop_oldest_message(entry& e) {
  auto& oldest = e.kept.front();
  e.dropped_through = std::max(e.dropped_through, oldest.seq);
  --messages_;
  bytes_ -= oldest.words.size() + message_overhead;
  e.kept.erase(e.kept.begin());
}

void message_history::erase(id_map::iterator i) {
  for (auto& m : i->second.kept)
    bytes_ -= m.words.size() + message_overhead;
  messages_ -= i->second.kept.size();
  store_->by_age.erase(i->second.in_order);
  store_->by_id.erase(i);
}

} // namespace router
