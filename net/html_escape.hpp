// The seed's chunked-HTML transport writes routed messages into an HTML
// page: their text is escaped there, and only there.
#pragma once

#include <string>
#include <string_view>

namespace net {

// Replaces & < > " ' with their character references.
std::string html_escape(std::string_view text);

} // namespace net
