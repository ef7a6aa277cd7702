// One wording for "cannot listen" on every port a process opens.
#pragma once

#include <cstdint>
#include <iostream>
#include <string>

#include <boost/system/error_code.hpp>

namespace app {

inline void report_listen_failure(const std::string& why,
                                  const std::string& address,
                                  std::uint16_t port, const char* what) {
  std::cerr << "caf-comet: cannot listen on " << address << ':' << port << " ("
            << what << "): " << why << '\n';
}

// True when `ec` is no error; else says why on stderr.
inline bool listening(const boost::system::error_code& ec,
                      const std::string& address, std::uint16_t port,
                      const char* what) {
  if (ec)
    report_listen_failure(ec.message(), address, port, what);
  return !ec;
}

} // namespace app
