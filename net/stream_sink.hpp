// What a connection actor sees of its socket: it hands over chunk payloads and
// may end the stream. Every call is safe from any thread; the session posts the
// work to its own executor, so actors never touch Asio.
#pragma once

#include <string>

namespace net {

class stream_sink {
public:
  virtual ~stream_sink() = default;

  // Frames `payload` as one HTTP chunk and queues it behind earlier ones.
  virtual void write_chunk(std::string payload) = 0;

  // Writes the last chunk (0\r\n\r\n), then closes. Idempotent.
  virtual void finish() = 0;
};

} // namespace net
