// The stream port's WebSocket reading on arbitrary frames from a client:
// Beast's websocket::stream as ws_session sets it up (net/ws_reading.hpp:
// the message limit, reads into a small buffer that is dropped), over a
// socket pair whose other end holds a valid handshake and then the input.
// Beyond what the sanitizers catch, it checks the contract: no message
// longer than the limit is ever read, and the reading ends (an error or the
// client's close) by the input's end.
#include <sys/socket.h>

#include <array>
#include <cstdlib>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "net/ws_reading.hpp"

namespace {

namespace asio = boost::asio;
namespace websocket = boost::beast::websocket;
using local_socket = asio::local::stream_protocol::socket;

void check(bool ok) {
  if (!ok)
    std::abort();
}

// What a browser sends to open /ws/<Id>.
constexpr std::string_view handshake
  = "GET /ws/fuzz HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Version: 13\r\n\r\n";

// The socket pair's buffers must hold the whole input and the server's
// answers (pongs, a close), or a write would block.
constexpr int socket_buffer_bytes = 1 << 20;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size > socket_buffer_bytes / 4)
    return 0;
  const net::server_limits limits; // the server's defaults
  asio::io_context ioc;
  local_socket client{ioc};
  websocket::stream<local_socket, false> ws{ioc}; // as ws_session's
  asio::local::connect_pair(client, ws.next_layer());
  for (auto* s : {&client, &ws.next_layer()}) {
    int bytes = socket_buffer_bytes;
    setsockopt(s->native_handle(), SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
    setsockopt(s->native_handle(), SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
  }
  asio::write(client, asio::buffer(handshake));
  asio::write(client, asio::buffer(data, size));
  client.shutdown(local_socket::shutdown_send);

  boost::beast::error_code ec;
  ws.accept(ec);
  check(!ec);
  net::limit_client_messages(ws, limits);
  std::array<char, net::ws_discard_bytes> discard;
  std::size_t message = 0; // bytes of the message being read
  for (std::size_t reads = 0; !ec; ++reads) {
    check(reads <= size); // every read consumes input
    message += ws.read_some(asio::buffer(discard), ec);
    check(message <= limits.ws_max_message);
    if (ws.is_message_done())
      message = 0;
  }
  return 0;
}
