// What a connection actor sees of its socket: it hands over chunk payloads and
// may end the stream. Every call is safe from any thread; the session posts the
// work to its own executor, so actors never touch Asio.
#pragma once

#include <cstdint>
#include <string>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

namespace net {

// Counted in place (4 bytes, thread-safe): std::shared_ptr's control block
// and enable_shared_from_this's weak pointer would add 32 bytes per stream.
class stream_sink : public boost::intrusive_ref_counter<stream_sink> {
public:
  virtual ~stream_sink() = default;

  // Frames `payload` as one HTTP chunk and queues it behind earlier ones.
  virtual void write_chunk(std::string payload) = 0;

  // The same for a routed message whose control request arrived at
  // `arrived_unix_ns` (system clock; 0: unknown): the server times it until
  // its bytes are written to the socket (or, when the socket is full, queued
  // behind the unsent ones). A sink that times nothing just writes it.
  virtual void write_routed_chunk(std::string payload,
                                  std::int64_t arrived_unix_ns) {
    (void) arrived_unix_ns;
    write_chunk(std::move(payload));
  }

  // Writes the last chunk (0\r\n\r\n), then closes. Idempotent.
  virtual void finish() = 0;
};

using sink_ptr = boost::intrusive_ptr<stream_sink>;

} // namespace net
