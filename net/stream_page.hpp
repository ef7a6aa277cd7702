// The page served at GET / on the stream port: net/stream_page/index.html,
// embedded at build time (see net/CMakeLists.txt), so nothing is read or
// fetched at run time. It shows one Id's stream in a browser, over
// Server-Sent Events or a WebSocket.
#pragma once

#include <string_view>

namespace net {

std::string_view stream_page();

} // namespace net
