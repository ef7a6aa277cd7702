// The frames floodtest sends on a WebSocket, control frames only (a pong, a
// close): masked, as RFC 6455 5.3 requires of every client frame.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "ws_protocol.hpp"

namespace floodtest {

// FIN, opcode, the 7-bit length with the mask bit, the mask key.
inline constexpr std::size_t control_header_size
  = ws_header::short_size + ws_header::mask_key_size;

// Writes the header of a control frame with `length` (<= 125) payload bytes
// to `out`, which holds control_header_size bytes.
void write_control_header(std::span<char> out, ws_opcode opcode,
                          std::size_t length, std::uint32_t mask_key);

// The mask key of a header write_control_header wrote.
std::uint32_t mask_key_of(std::span<const char> header);

// Masks payload bytes in place; `offset` is the first one's position in the
// payload.
void mask_payload(std::span<char> bytes, std::uint32_t mask_key,
                  std::size_t offset);

// A whole control frame with `payload` (<= 125 bytes) in `out`, which holds
// control_header_size + payload.size() bytes; returns its size.
std::size_t write_control_frame(std::span<char> out, ws_opcode opcode,
                                std::string_view payload,
                                std::uint32_t mask_key);

} // namespace floodtest
