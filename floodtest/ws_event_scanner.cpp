#include "ws_event_scanner.hpp"

#include <array>

namespace floodtest {

namespace {

constexpr std::string_view prefix = R"({"type":")";
constexpr std::array<std::string_view, 4> type_words{"welcome", "tick",
                                                     "message", "reset"};
enum type_word : int { welcome, tick, message, reset };
// The type's closing quote opens the pattern of the seq.
constexpr number_pattern seq_text{R"(","seq":)", R"(,"text":")"};
constexpr number_pattern stamp_text{"t=", ";"};

} // namespace

void ws_event_scanner::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (step_ == step::done)
      return;
    on_char(c);
  }
}

void ws_event_scanner::on_char(char c) {
  switch (step_) {
    case step::prefix:
      if (c != prefix[matched_])
        step_ = step::done;
      else if (++matched_ == prefix.size())
        step_ = step::type;
      return;
    case step::type:
      if (c != seq_text.before[0]) {
        type_.feed(c, type_words);
        return;
      }
      step_ = step::seq;
      [[fallthrough]];
    case step::seq:
      switch (number_.feed(c, seq_text, value_)) {
        case match_result::going:
          return;
        case match_result::matched:
          seq_found_ = true;
          break;
        case match_result::failed:
          step_ = step::done;
          return;
      }
      // Only a message's text matters, and of it only the stamp.
      if (type_.word(type_words) == message) {
        step_ = step::stamp;
        number_ = {};
        value_ = 0;
      } else {
        step_ = step::done;
      }
      return;
    case step::stamp:
      if (auto result = number_.feed(c, stamp_text, value_);
          result != match_result::going) {
        stamp_found_ = result == match_result::matched;
        step_ = step::done;
      }
      return;
    case step::done:
      return;
  }
}

event_finding ws_event_scanner::finish() {
  event_finding found{event_finding::other, 0};
  switch (step_ == step::prefix ? word_match::no_word
                                : type_.word(type_words)) {
    case welcome:
      found.kind = event_finding::welcome;
      break;
    case tick:
      if (seq_found_)
        found = {event_finding::tick, value_};
      break;
    case message:
      found = {event_finding::message, stamp_found_ ? value_ : 0};
      break;
    default:
      break;
  }
  *this = ws_event_scanner{};
  return found;
}

} // namespace floodtest
