// Known texts matched as their bytes arrive one at a time, in two bytes of
// state each, for the SSE and WebSocket scanners: which of a few words a
// text is ("tick", "welcome"), or a literal, a decimal number and a literal
// ("Chunk " N " ", "t=" N ";"). Nothing is buffered: a text may arrive split
// anywhere, even inside a number.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace floodtest {

// Words told apart by their first letters, which must differ.
using word_list = std::span<const std::string_view>;

class word_match {
public:
  static constexpr int no_word = -1;

  // Feeds the text's next character.
  void feed(char c, word_list words);

  // The index of the word the text fed so far is exactly, or no_word.
  int word(word_list words) const;

private:
  static constexpr std::uint8_t failed = 0xff;

  std::uint8_t word_ = failed; // the candidate, chosen by the first letter
  std::uint8_t matched_ = 0;   // characters fed
};

// Both literals non-empty.
struct number_pattern {
  std::string_view before;
  std::string_view after;
};

enum class match_result : std::uint8_t { going, matched, failed };

class number_match {
public:
  // Feeds the text's next character; the number's digits go to `value`,
  // which the caller zeroes before the first. After `matched` or `failed`
  // the match is over: it answers `failed` to anything more.
  match_result feed(char c, const number_pattern& pattern,
                    std::uint64_t& value);

private:
  enum class step : std::uint8_t { before, digits, after, over };

  step step_ = step::before;
  std::uint8_t matched_ = 0; // characters of a literal, or digits, so far
};

} // namespace floodtest
