// Which of caf-comet's stream transports floodtest speaks. The URL file
// lists the seed's /test/<Id> URLs whatever the transport: --transport=sse
// asks each as /sse/<Id> (Server-Sent Events), --transport=ws as /ws/<Id>
// (a WebSocket); chunked, the default, asks it as it stands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace floodtest {

struct http_url;

enum class transport : std::uint8_t { chunked, sse, ws };

// "chunked", "sse" or "ws"; nothing for any other name.
std::optional<transport> parse_transport(std::string_view name);

std::string_view to_string(transport t);

// The path a URL's target becomes: a leading /test/ turns into /sse/ or
// /ws/; any other target is asked as it stands.
std::string transport_target(std::string_view target, transport t);

// The whole request for `url` over `t`. A WebSocket's upgrade request needs
// 16 random bytes, `nonce`; the other transports ignore it.
std::string make_stream_request(const http_url& url, transport t,
                                std::uint64_t nonce_high,
                                std::uint64_t nonce_low);

// The status of a response head that starts the stream: 200, or 101
// (Switching Protocols) for a WebSocket.
int streaming_status(transport t);

} // namespace floodtest
