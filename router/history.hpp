// What a reconnecting client missed: for each id that had messages lately,
// its last `size` messages, kept for `ttl`, and nothing for other ids. Every
// message sent to an id gets a seq: microseconds since the epoch, made strictly
// increasing, so that seqs stay ordered across a restart of the process and
// need no state per id to continue. Bounded in bytes: past `max_bytes`, the
// oldest ids' messages go first. A resuming client is told of a gap when its
// id's history dropped a message it had not seen; an id whose messages all
// expired is forgotten, so a client away longer than the ttl may miss
// messages without being told.
//
// Its memory: everything the history holds (ids, texts, the containers'
// nodes) comes from a pool of its own in mapped pages, given back whole each
// time the history empties. Kept in malloc's heap, 60 s of messages among
// the connections' blocks left the pages that still held one of those
// resident after the messages expired (bench/churn).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace router {

struct history_limits {
  std::size_t size = 16;                 // messages kept per id
  std::chrono::milliseconds ttl{60000};  // how long a message is kept
  std::size_t max_bytes = 64 << 20;      // all ids' messages together
};

struct kept_message {
  std::uint64_t seq;
  std::string text;
};

// The messages of an id after a client's resume point.
struct missed {
  std::vector<kept_message> messages; // in order
  bool gap = false; // some after the resume point were dropped already
};

class message_history {
public:
  using clock = std::chrono::system_clock;

  explicit message_history(history_limits limits = {});
  ~message_history();
  message_history(message_history&&) noexcept;
  message_history& operator=(message_history&&) noexcept;

  // Keeps `words` as the id's newest message; returns its seq.
  std::uint64_t record(const std::string& id, const std::string& words,
                       clock::time_point now = clock::now());

  missed after(const std::string& id, std::uint64_t seq,
               clock::time_point now = clock::now());

  // Drops what is older than the ttl; call it now and then.
  void expire(clock::time_point now = clock::now());

  std::size_t ids() const;
  std::size_t messages() const { return messages_; }
  std::size_t bytes() const { return bytes_; }

private:
  using text = std::pmr::string;

  struct stored_message {
    std::uint64_t seq;
    text words;
  };

  // Built in place by the map's allocator (uses-allocator construction), so
  // that `kept` takes its memory from the pool too.
  struct entry {
    using allocator_type = std::pmr::polymorphic_allocator<std::byte>;
    explicit entry(const allocator_type& alloc) : kept(alloc) {}

    std::pmr::vector<stored_message> kept; // oldest first, at most limits.size
    std::uint64_t dropped_through = 0; // newest seq dropped by a bound
    std::pmr::list<text>::iterator in_order; // place in by_age
  };

  struct by_text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>{}(s);
    }
  };

  // The pool and what is allocated from it; torn down together.
  struct store;
  using id_map = std::pmr::unordered_map<text, entry, by_text_hash,
                                         std::equal_to<>>;

  std::uint64_t next_seq(clock::time_point now);
  void drop_oldest_message(entry& e);
  void erase(id_map::iterator i);
  // Once nothing is kept, hands the pool's pages back.
  void release_if_empty();

  history_limits limits_;
  std::unique_ptr<store> store_;
  std::uint64_t last_seq_ = 0;
  std::size_t messages_ = 0;
  std::size_t bytes_ = 0;
};

} // namespace router
