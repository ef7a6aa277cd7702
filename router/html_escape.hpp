// Routed messages are written into an HTML stream: escape them once, in the
// router, before they fan out.
#pragma once

#include <string>
#include <string_view>

namespace router {

// Replaces & < > " ' with their character references.
std::string html_escape(std::string_view text);

} // namespace router
