#include "text_match.hpp"

#include <limits>

namespace floodtest {

namespace {

// Longer numbers are no tick number, seq or stamp; stop before overflow.
constexpr int max_digits = std::numeric_limits<std::uint64_t>::digits10;

} // namespace

void word_match::feed(char c, word_list words) {
  if (matched_ == 0) {
    word_ = failed;
    for (std::size_t i = 0; i < words.size(); ++i)
      if (!words[i].empty() && words[i][0] == c)
        word_ = static_cast<std::uint8_t>(i);
  } else if (word_ != failed
             && (matched_ >= words[word_].size() || words[word_][matched_] != c)) {
    word_ = failed;
  }
  if (matched_ < std::numeric_limits<std::uint8_t>::max())
    ++matched_;
}

int word_match::word(word_list words) const {
  if (word_ == failed || matched_ != words[word_].size())
    return no_word;
  return word_;
}

match_result number_match::feed(char c, const number_pattern& pattern,
                                std::uint64_t& value) {
  switch (step_) {
    case step::before:
      if (c != pattern.before[matched_])
        break;
      if (++matched_ == pattern.before.size()) {
        step_ = step::digits;
        matched_ = 0;
      }
      return match_result::going;
    case step::digits:
      if (c >= '0' && c <= '9' && matched_ < max_digits) {
        value = value * 10 + static_cast<unsigned>(c - '0');
        ++matched_;
        return match_result::going;
      }
      if (matched_ == 0)
        break;
      // The number ended: this character is the first of `after`.
      step_ = step::after;
      matched_ = 0;
      [[fallthrough]];
    case step::after:
      if (c != pattern.after[matched_])
        break;
      if (++matched_ < pattern.after.size())
        return match_result::going;
      step_ = step::over;
      return match_result::matched;
    case step::over:
      break;
  }
  step_ = step::over;
  return match_result::failed;
}

} // namespace floodtest
