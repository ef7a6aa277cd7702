#include "app/basp_opening.hpp"

#include <cstdint>
#include <string>

namespace app {

namespace {

constexpr std::size_t header_size = 32;
constexpr std::uint8_t client_handshake = 0x01;
// The flags a client handshake may carry: none, or "select this connection".
constexpr std::uint8_t allowed_flags = 0x02;
// A node id is a few dozen bytes; anything near this bound is not one.
constexpr std::uint32_t max_handshake_payload = 1024;

std::uint64_t read_big_endian(std::string_view bytes, std::size_t at,
                              std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value = (value << 8) | static_cast<std::uint8_t>(bytes[at + i]);
  return value;
}

net::opening_verdict refuse(std::string reason) {
  return {net::opening_verdict::kind::refuse, std::move(reason)};
}

} // namespace

net::opening_verdict check_basp_opening(std::string_view opening) {
  using kind = net::opening_verdict::kind;
  // A byte that cannot begin a handshake refuses at once, before the rest.
  if (!opening.empty() && static_cast<std::uint8_t>(opening[0]) != client_handshake)
    return refuse("not a caf-comet node's handshake (first byte "
                  + std::to_string(static_cast<std::uint8_t>(opening[0])) + ")");
  if (opening.size() < header_size)
    return {kind::need_more, {}};
  auto pads = read_big_endian(opening, 1, 2);
  auto flags = static_cast<std::uint8_t>(opening[3]);
  auto payload = read_big_endian(opening, 4, 4);
  auto operation_data = read_big_endian(opening, 8, 8);
  auto actors = read_big_endian(opening, 16, 8) | read_big_endian(opening, 24, 8);
  if (pads != 0 || (flags & ~allowed_flags) != 0 || operation_data != 0
      || actors != 0)
    return refuse("malformed handshake header");
  if (payload == 0 || payload > max_handshake_payload)
    return refuse("handshake payload of " + std::to_string(payload)
                  + " bytes (1 to " + std::to_string(max_handshake_payload)
                  + " expected)");
  if (opening.size() < header_size + payload)
    return {kind::need_more, {}};
  return {kind::accept, {}};
}

} // namespace app
