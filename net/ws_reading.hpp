// How a WebSocket stream reads its client, shared by ws_session and its fuzz
// target: a message over streams.ws-max-message is refused (Beast closes
// with 1009), and everything else is read a few bytes at a time and dropped.
// Beast answers pings and close frames while it reads.
#pragma once

#include <cstddef>

#include <boost/beast/websocket/stream.hpp>

#include "net/limits.hpp"

namespace net {

// The buffer a stream reads its client's (ignored) messages into: a dynamic
// buffer would keep ~1.5 KB prepared under every idle stream's pending read.
constexpr std::size_t ws_discard_bytes = 32;

template <class NextLayer, bool deflate>
void limit_client_messages(
  boost::beast::websocket::stream<NextLayer, deflate>& ws,
  const server_limits& limits) {
  ws.read_message_max(limits.ws_max_message);
}

} // namespace net
