// Reads the JSON text of caf-comet's WebSocket events as it arrives, keeping
// no bytes, only 16 bytes of state:
//   {"type":"welcome|tick|message|reset","seq":N,"text":"..."}
// It scans rather than parses: the server writes the keys in that order and
// without spaces (net/event_framing.cpp), and only the type, a tick's seq
// (its N) and a message's stamp (a text opening "t=<epoch µs>;") are wanted.
// A text of any other shape is an event not understood.
#pragma once

#include <cstdint>
#include <string_view>

#include "event_finding.hpp"
#include "text_match.hpp"

namespace floodtest {

class ws_event_scanner {
public:
  // Feeds the next bytes of the current message's text.
  void feed(std::string_view bytes);

  // The message ended: what it was. Starts over for the next one.
  event_finding finish();

private:
  enum class step : std::uint8_t { prefix, type, seq, stamp, done };

  void on_char(char c);

  std::uint64_t value_ = 0; // the seq, then for a message its stamp
  step step_ = step::prefix;
  std::uint8_t matched_ = 0; // of the prefix
  word_match type_;
  number_match number_;     // the seq, then the stamp
  bool seq_found_ = false;
  bool stamp_found_ = false;
};

} // namespace floodtest
