// How each transport of the stream port writes a stream: its response head
// and the bytes of each event, before any HTTP chunk framing.
//   html: the seed's stream: the welcome and tick texts as they are, a
//         message as "Recvd msg #N: '<escaped>'<br/>".
//   sse:  Server-Sent Events: `event: welcome` (after a `retry:` hint),
//         `event: tick`, a message as `id: <seq>` and one `data:` line per
//         line of its text, `event: reset`; a comment line as heartbeat.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "net/stream_sink.hpp"

namespace net {

// json: a WebSocket's text frames, {"type":"welcome|tick|message|reset",
// "seq":N,"text":"..."}; seq is a message's seq, else the stream's N.
enum class stream_format : std::uint8_t { html, sse, json };

// The reconnection delay an SSE client is told to use.
inline constexpr std::uint32_t sse_retry_ms = 2000;

// The bytes an SSE stream sends when it has been quiet for a while.
inline constexpr std::string_view sse_heartbeat = ":\n\n";

// Status line and headers: chunked for HTTP/1.1 clients; for HTTP/1.0 ones,
// which know no chunks, a body that ends with the connection.
std::string stream_head(stream_format format, bool chunked);

std::string frame_event(stream_format format, const stream_event& event);

// The event as an HTTP stream writes it: in one HTTP chunk when `chunked`.
// The seed's welcome and ticks are framed without an intermediate copy: every
// tick of every stream passes here.
std::string frame_http_event(stream_format format, bool chunked,
                             const stream_event& event);

// "Recvd msg #N: '<escaped>'<br/>": a routed message in the seed's stream.
std::string html_message_text(std::uint32_t n, std::string_view text);

} // namespace net
