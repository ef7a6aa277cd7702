#include "net/stream_handler.hpp"

#include <iostream>

namespace net {

caf::actor open_stream_or_log(stream_handler& handler, stream_request request,
                              sink_ptr sink) {
  try {
    return handler.open_stream(std::move(request), std::move(sink));
  } catch (const std::exception& e) {
    std::cerr << "caf-comet: cannot start a stream: " << e.what() << '\n';
    return nullptr;
  }
}

} // namespace net
