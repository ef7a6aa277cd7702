// The dashboard served at GET / on the control port: router/dashboard/index.html,
// embedded at build time (see router/CMakeLists.txt), so nothing is read or
// fetched at run time.
#pragma once

#include <string_view>

namespace router {

std::string_view dashboard_page();

} // namespace router
