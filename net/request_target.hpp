// Decides what a request asks for, from its method and target alone: a small
// table of paths, each served one way. GET or HEAD /test/<Id> streams the
// seed's chunked HTML (as its loop/2 does), /sse/<Id> Server-Sent Events,
// /ws/<Id> a WebSocket; / (exactly, with any query) the page that shows a
// stream in a browser; POST and other paths are 404, other methods 501. The
// Id is echoed into every stream, so only [A-Za-z0-9._~-]{1,64} (after
// percent-decoding) passes; anything else is 400.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "net/event_framing.hpp"

namespace net {

struct route {
  enum kind_t { stream, websocket, page, respond } kind;
  int status;              // 200 for streams, else the status to answer (a
                           // WebSocket's 400 becomes close code 1008)
  std::string id;          // the decoded, validated Id for streams
  stream_format format{};  // how a stream's events are written
  // The last message seq the client saw (?lastEventId= for SSE, ?last= for
  // a WebSocket): it resumes after it.
  std::optional<std::uint64_t> resume_after{};
  std::string_view why{};  // what was wrong, for a 400
};

route route_request(std::string_view method, std::string_view target);

// A decimal seq as a resume point (Last-Event-ID, ?last=); nothing if it
// is not one.
std::optional<std::uint64_t> parse_seq(std::string_view text);

// Percent-decodes `text` and validates it as an Id; empty result if invalid.
std::string decode_id(std::string_view text);

inline constexpr std::size_t max_id_length = 64;

// What a 400 says was wrong.
inline constexpr std::string_view invalid_id_text
  = "the Id must be 1-64 characters of [A-Za-z0-9._~-]";
inline constexpr std::string_view invalid_seq_text
  = "a resume point must be a decimal message seq";

// True if `id` is a valid Id as it stands (no percent-decoding).
bool is_valid_id(std::string_view id);

// The value of a hex digit (either case), or -1 for any other character.
int hex_value(char c);

} // namespace net
