#include "sse_scanner.hpp"

#include <array>

namespace floodtest {

namespace {

constexpr std::array<std::string_view, 2> field_names{"event", "data"};
enum field_word : int { event_field, data_field };

// The event types caf-comet sends (net/event_framing.cpp); "message" is
// also the type of an event without an `event:` field.
constexpr std::array<std::string_view, 4> type_words{"welcome", "tick",
                                                     "message", "reset"};
enum type_word : std::int8_t { welcome, tick, message, reset };

constexpr number_pattern tick_text{"Chunk ", " "};
constexpr number_pattern stamp_text{"t=", ";"};

} // namespace

sse_scanner::sse_scanner() : type_(message) {
}

event_finding sse_scanner::next(std::string_view& input) {
  while (!input.empty()) {
    char c = input.front();
    input.remove_prefix(1);
    if (c == '\n') {
      if (auto found = end_line(); found.kind != event_finding::none)
        return found;
    } else if (c != '\r') {
      on_char(c);
    }
  }
  return {};
}

void sse_scanner::on_char(char c) {
  switch (part_) {
    case line_part::start:
      if (c == ':') { // a comment
        part_ = line_part::ignored;
        return;
      }
      word_ = {};
      part_ = line_part::field_name;
      [[fallthrough]];
    case line_part::field_name:
      if (c != ':')
        word_.feed(c, field_names);
      else
        part_ = begin_value() ? line_part::value_start : line_part::ignored;
      return;
    case line_part::value_start:
      part_ = line_part::value;
      if (c == ' ') // the one space after the colon is not the value's
        return;
      [[fallthrough]];
    case line_part::value:
      if (field_ == field::event)
        word_.feed(c, type_words);
      else
        on_data_char(c);
      return;
    case line_part::ignored:
      return;
  }
}

bool sse_scanner::begin_value() {
  switch (word_.word(field_names)) {
    case event_field:
      field_ = field::event;
      break;
    case data_field:
      field_ = field::data;
      if (data_ == data_text::none)
        data_ = data_text::first_char;
      break;
    default:
      return false; // id, retry, and fields we do not know
  }
  word_ = {};
  return true;
}

void sse_scanner::on_data_char(char c) {
  if (data_ == data_text::first_char) {
    data_ = c == tick_text.before[0]    ? data_text::tick
            : c == stamp_text.before[0] ? data_text::stamp
                                        : data_text::plain;
    value_ = 0;
  }
  if (data_ != data_text::tick && data_ != data_text::stamp)
    return;
  bool is_tick = data_ == data_text::tick;
  auto result = number_.feed(c, is_tick ? tick_text : stamp_text, value_);
  if (result == match_result::matched)
    data_ = is_tick ? data_text::tick_found : data_text::stamp_found;
  else if (result == match_result::failed)
    data_ = data_text::plain;
}

event_finding sse_scanner::end_line() {
  auto part = part_;
  part_ = line_part::start;
  if (part == line_part::start)
    return end_event();
  // A field name without a colon is a field with an empty value.
  if (part == line_part::ignored
      || (part == line_part::field_name && !begin_value()))
    return {};
  if (field_ == field::event)
    type_ = static_cast<std::int8_t>(word_.word(type_words));
  else if (data_ == data_text::first_char || data_ == data_text::tick
           || data_ == data_text::stamp)
    data_ = data_text::plain; // the line ended before its pattern did
  return {};
}

event_finding sse_scanner::end_event() {
  event_finding found; // none: without data an event is no event
  if (data_ != data_text::none) {
    if (type_ == welcome)
      found.kind = event_finding::welcome;
    else if (type_ == tick && data_ == data_text::tick_found)
      found = {event_finding::tick, value_};
    else if (type_ == message)
      found = {event_finding::message,
               data_ == data_text::stamp_found ? value_ : 0};
    else
      found.kind = event_finding::other;
  }
  *this = sse_scanner{};
  return found;
}

} // namespace floodtest
