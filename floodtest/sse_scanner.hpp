// Reads a Server-Sent Events body as it arrives and keeps no bytes, only 16
// bytes of state: the bytes inside the HTTP chunks, whose boundaries mean
// nothing to it. Of each event it keeps its type (the `event:` field,
// "message" without one) and, from its first `data:` line, a tick's N
// ("Chunk N for id ...") or a message's stamp ("t=<epoch µs>;..."). As the
// SSE rules say, lines without data (the heartbeat comment ":", a lone
// `retry:`) make no event. Lines end at LF; a CR is ignored (a lone CR as a
// line end, which caf-comet never sends, is not understood).
#pragma once

#include <cstdint>
#include <string_view>

#include "event_finding.hpp"
#include "text_match.hpp"

namespace floodtest {

class sse_scanner {
public:
  sse_scanner();

  // Consumes `input` (advancing it) up to the end of the next event and
  // returns what the event was; `none` when the input ran out first.
  event_finding next(std::string_view& input);

private:
  enum class line_part : std::uint8_t {
    start, field_name, value_start, value, ignored,
  };
  enum class field : std::uint8_t { event, data, other };
  // The first data line: not seen, its first character due, being matched
  // as a tick or a stamp, found as one, or something else.
  enum class data_text : std::uint8_t {
    none, first_char, tick, stamp, tick_found, stamp_found, plain,
  };

  void on_char(char c);
  bool begin_value();
  void on_data_char(char c);
  event_finding end_line();
  event_finding end_event();

  std::uint64_t value_ = 0;       // the tick's N or the message's stamp
  line_part part_ = line_part::start;
  field field_ = field::other;    // of the line being read
  word_match word_;               // the field's name, then an event's type
  std::int8_t type_;              // the event's type word; -1: unknown
  data_text data_ = data_text::none;
  number_match number_;           // the first data line's number
};

} // namespace floodtest
