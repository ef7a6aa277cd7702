// --sources: the local IPv4 addresses client sockets bind to, round-robin.
// One address offers one set of ephemeral ports per destination; several
// addresses (loopback has all of 127.0.0.0/8) multiply that.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address_v4.hpp>

namespace floodtest {

// Reads "127.0.0.1-127.0.0.20", "127.0.0.1,127.0.0.5" or a mix of both.
// An empty text means: let the kernel choose. On failure returns false and
// says why in `why`.
bool parse_sources(std::string_view text,
                   std::vector<boost::asio::ip::address_v4>& out,
                   std::string& why);

} // namespace floodtest
