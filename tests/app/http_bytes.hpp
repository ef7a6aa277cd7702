// The bytes the spec prescribes, built independently of the server's
// own code, and a small parser that splits what a client received into a
// response head and the payloads of a chunked body.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace app_test {

// The seed's payloads: the welcome chunk and the N-th tick chunk.
std::string welcome_text(std::string_view id);
std::string tick_text(int n, std::string_view id);

// One chunk of a chunked body: hex size, CRLF, payload, CRLF.
std::string frame(std::string_view payload);

inline constexpr std::string_view last_chunk = "0\r\n\r\n";

// A request head: "<method> <target> HTTP/1.1", Host, then `fields` (each
// ending in CRLF), then the blank line.
std::string request(std::string_view method, std::string_view target,
                    std::string_view fields = "");

// The same with "Connection: close": the server answers, then closes.
std::string last_request(std::string_view method, std::string_view target);

struct response_head {
  std::string status_line;
  std::vector<std::pair<std::string, std::string>> fields; // in order
  std::size_t size = 0; // bytes up to and including the blank line

  int status() const;
  // The value of the field `name` (case-insensitive), if present once or more.
  std::optional<std::string> field(std::string_view name) const;
};

// The head at the start of `bytes`, or nothing while it is incomplete.
std::optional<response_head> parse_head(std::string_view bytes);

// The status code of the response at the start of `bytes`, 0 if none.
int status_of(std::string_view bytes);

// A response with a Content-Length body (none when the field is missing).
struct plain_response {
  response_head head;
  std::string body;
};

// Consecutive complete plain responses at the start of `bytes`, up to the
// first that is incomplete or chunked; `used` (if given) is set to the bytes
// they span.
std::vector<plain_response> split_responses(std::string_view bytes,
                                            std::size_t* used = nullptr);

struct chunked_body {
  std::vector<std::string> chunks; // complete payloads, in order
  bool ended = false;              // the last chunk was seen
  bool malformed = false;          // bytes that are no chunk framing
  std::size_t trailing = 0;        // bytes after the last complete chunk
};

// Decodes as much of a chunked body as is complete.
chunked_body decode_chunks(std::string_view body);

} // namespace app_test
