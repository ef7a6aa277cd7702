#include "transport.hpp"

#include "url.hpp"
#include "ws_handshake.hpp"

namespace floodtest {

namespace {

// The seed's stream path, which the URL file lists.
constexpr std::string_view seed_prefix = "/test/";

} // namespace

std::optional<transport> parse_transport(std::string_view name) {
  for (auto t : {transport::chunked, transport::sse, transport::ws})
    if (name == to_string(t))
      return t;
  return std::nullopt;
}

std::string_view to_string(transport t) {
  switch (t) {
    case transport::chunked:
      return "chunked";
    case transport::sse:
      return "sse";
    case transport::ws:
      return "ws";
  }
  return "chunked";
}

std::string transport_target(std::string_view target, transport t) {
  if (t == transport::chunked || target.rfind(seed_prefix, 0) != 0)
    return std::string{target};
  std::string path = t == transport::sse ? "/sse/" : "/ws/";
  path.append(target.substr(seed_prefix.size()));
  return path;
}

std::string make_stream_request(const http_url& url, transport t,
                                std::uint64_t nonce_high,
                                std::uint64_t nonce_low) {
  if (t == transport::chunked)
    return make_request(url);
  auto asked = url;
  asked.target = transport_target(url.target, t);
  if (t == transport::sse)
    return make_request(asked);
  return ws_upgrade_request(asked, nonce_high, nonce_low);
}

int streaming_status(transport t) {
  return t == transport::ws ? 101 : 200;
}

} // namespace floodtest
