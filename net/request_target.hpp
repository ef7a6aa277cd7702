// Decides what a request asks for, from its method and target alone, as the
// seed's loop/2 does: GET or HEAD /test/<Id> streams, POST and other paths are
// 404, other methods 501. The Id is echoed into an HTML stream, so only
// [A-Za-z0-9._~-]{1,64} (after percent-decoding) passes; anything else is 400.
#pragma once

#include <string>
#include <string_view>

namespace net {

struct route {
  enum kind_t { stream, respond } kind;
  int status;     // 200 for streams, else the status to answer
  std::string id; // the decoded, validated Id for streams
};

route route_request(std::string_view method, std::string_view target);

// Percent-decodes `text` and validates it as an Id; empty result if invalid.
std::string decode_id(std::string_view text);

inline constexpr std::size_t max_id_length = 64;

// True if `id` is a valid Id as it stands (no percent-decoding).
bool is_valid_id(std::string_view id);

// The value of a hex digit (either case), or -1 for any other character.
int hex_value(char c);

} // namespace net
