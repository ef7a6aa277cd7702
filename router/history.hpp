// What a reconnecting client missed: for each id that had messages lately,
// its last `size` messages, kept for `ttl`, and nothing for other ids. Every
// message sent to an id gets a seq: microseconds since the epoch, made strictly
// increasing, so that seqs stay ordered across a restart of the process and
// need no state per id to continue. Bounded in bytes: past `max_bytes`, the
// oldest ids' messages go first. A resuming client is told of a gap when its
// id's history dropped a message it had not seen; an id whose messages all
// expired is forgotten, so a client away longer than the ttl may miss
// messages without being told.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
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

  // Keeps `text` as the id's newest message; returns its seq.
  std::uint64_t record(const std::string& id, const std::string& text,
                       clock::time_point now = clock::now());

  missed after(const std::string& id, std::uint64_t seq,
               clock::time_point now = clock::now());

  // Drops what is older than the ttl; call it now and then.
  void expire(clock::time_point now = clock::now());

  std::size_t ids() const { return by_id_.size(); }
  std::size_t messages() const { return messages_; }
  std::size_t bytes() const { return bytes_; }

private:
  struct entry {
    std::vector<kept_message> kept; // oldest first, at most limits.size
    std::uint64_t dropped_through = 0; // newest seq dropped by a bound
    std::list<std::string>::iterator in_order; // place in by_age_
  };

  std::uint64_t next_seq(clock::time_point now);
  void drop_oldest_message(entry& e);
  void erase(std::unordered_map<std::string, entry>::iterator i);

  history_limits limits_;
  std::unordered_map<std::string, entry> by_id_;
  std::list<std::string> by_age_; // ids, least recently written first
  std::uint64_t last_seq_ = 0;
  std::size_t messages_ = 0;
  std::size_t bytes_ = 0;
};

} // namespace router
