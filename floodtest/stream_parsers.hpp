// A stream's parsers for its transport, in the 32 bytes that the chunked
// stream's two take: an HTTP response parser and a text scanner (the seed's
// chunk texts, or SSE events). A WebSocket needs the response parser for
// the 101 head only: its frame parser then takes that parser's place, and
// the WebSocket event scanner the text scanner's.
//
// Which parser is live is the stream's to know (its transport and whether
// the head arrived), so no tag is spent on it. Every parser is a few bytes
// of plain state with nothing to destroy: making one live is constructing
// it in place.
#pragma once

#include <memory>

#include "chunk_scanner.hpp"
#include "response_parser.hpp"
#include "sse_scanner.hpp"
#include "transport.hpp"
#include "ws_event_scanner.hpp"
#include "ws_frame_parser.hpp"

namespace floodtest {

class stream_parsers {
public:
  explicit stream_parsers(transport t) {
    if (t == transport::sse)
      std::construct_at(&text_.sse);
    else if (t == transport::ws)
      std::construct_at(&text_.ws_events);
  }

  // Until the head, and for chunked and SSE streams after it.
  response_parser& http() { return framing_.http; }

  // A WebSocket's, after the head.
  ws_frame_parser& frames() { return framing_.frames; }
  void start_frames() { std::construct_at(&framing_.frames); }

  chunk_scanner& chunks() { return text_.chunks; }
  sse_scanner& sse() { return text_.sse; }
  ws_event_scanner& ws_events() { return text_.ws_events; }

private:
  union framing {
    framing() : http{} {}
    response_parser http;
    ws_frame_parser frames;
  } framing_;
  union text {
    text() : chunks{} {}
    chunk_scanner chunks;
    sse_scanner sse;
    ws_event_scanner ws_events;
  } text_;
};

// The point of the unions: another transport's parsers cost the chunked
// stream nothing.
static_assert(sizeof(ws_frame_parser) <= sizeof(response_parser));
static_assert(sizeof(sse_scanner) <= sizeof(chunk_scanner)
              && sizeof(ws_event_scanner) <= sizeof(chunk_scanner));

} // namespace floodtest
