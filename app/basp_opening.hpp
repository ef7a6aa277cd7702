// What a caf-comet node first says at the node port: CAF's BASP client
// handshake, a 32-byte header in network byte order (operation, two padding
// bytes, flags, payload length, operation data, source and destination actor)
// followed by its node id. CAF 0.17 closes anything else without a word; the
// head checks the opening itself so that a refused peer is logged and counted.
#pragma once

#include <string_view>

#include "net/opening_check.hpp"

namespace app {

net::opening_verdict check_basp_opening(std::string_view opening);

} // namespace app
