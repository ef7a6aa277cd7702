// What a connection actor sees of its socket: it hands over the stream's
// events as plain text and may end the stream. The connection's transport
// frames each event its own way (the seed's chunked HTML, Server-Sent
// Events, WebSocket), so the actor does not know which one it feeds. Every
// call is safe from any thread; the session posts the work to its own
// executor, so actors never touch Asio.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

namespace net {

enum class event_kind : std::uint8_t {
  welcome, // the stream's first event
  tick,    // nothing else happened for an interval
  message, // routed to the stream's id
  reset,   // a resumed stream missed more than the history holds
};

struct stream_event {
  event_kind kind;
  std::uint32_t n;       // the article's N: the stream's count of events
  std::uint64_t seq;     // a message's number in its id's history, else 0
  std::string_view text; // unescaped; the transport escapes what it must
  // A message's control request arrived then (system clock; 0: unknown or
  // not a message): the server times it until its bytes reach the socket.
  std::int64_t arrived_unix_ns = 0;
};

// Counted in place (4 bytes, thread-safe): std::shared_ptr's control block
// and enable_shared_from_this's weak pointer would add 32 bytes per stream.
class stream_sink : public boost::intrusive_ref_counter<stream_sink> {
public:
  virtual ~stream_sink() = default;

  // Frames `event` for this connection and queues it behind earlier ones.
  virtual void deliver(const stream_event& event) = 0;

  // Ends the stream as its transport ends one (the last chunk, a close
  // frame), then closes. Idempotent.
  virtual void finish() = 0;
};

using sink_ptr = boost::intrusive_ptr<stream_sink>;

} // namespace net
