// How net/ hands a new stream to the layer that feeds it (actors/). One object
// serves the whole server, so a connection pays nothing for this indirection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <caf/actor.hpp>

#include "net/stream_sink.hpp"

namespace net {

// What a client asked for: its Id, and where to resume (the last message
// seq it saw), if it is reconnecting.
struct stream_request {
  std::string id;
  std::optional<std::uint64_t> resume_after;
};

class stream_handler {
public:
  virtual ~stream_handler() = default;

  // Called on the io thread once the response head is queued. Returns the
  // actor feeding `sink`; the session sends it a `closed_atom` message when
  // the socket closes for any reason. The actor may handle it at once, in
  // the io thread, and drop `sink` there.
  virtual caf::actor open_stream(stream_request request, sink_ptr sink) = 0;
};

// handler.open_stream, which must not throw into an Asio handler: a failure
// (e.g. out of memory) is logged and gives a null actor, which the session
// answers by closing.
caf::actor open_stream_or_log(stream_handler& handler, stream_request request,
                              sink_ptr sink);

} // namespace net
