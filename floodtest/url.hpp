// URLs as floodtest reads them, one a line: http://host[:port]/path?query.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace floodtest {

struct http_url {
  std::string host;        // what the resolver gets; brackets of IPv6 removed
  std::uint16_t port = 80;
  std::string target;      // path and query, "/" when the URL has none
  std::string authority;   // host[:port] exactly as written, for the Host header
};

// Parses one URL. On failure returns false and says why in `why`.
bool parse_url(std::string_view text, http_url& out, std::string& why);

// The request floodtest sends for `url`: a GET held open as a stream.
std::string make_request(const http_url& url);

// Writes base1 ... baseN, one a line, like the seed's shell loop.
void write_url_list(std::string_view base, std::uint64_t count,
                    std::ostream& out);

} // namespace floodtest
