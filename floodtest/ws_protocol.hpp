// RFC 6455's numbers that both directions need: the frame parser reads
// server frames with them, ws_client_frames writes the client's.
#pragma once

#include <cstddef>
#include <cstdint>

namespace floodtest {

enum class ws_opcode : std::uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xa,
};

// The longest payload of a control frame (close, ping, pong).
inline constexpr std::size_t max_control_payload = 125;

// A close frame's payload starts with a 2-byte status code.
inline constexpr std::size_t close_code_size = 2;

// A frame header's bits (RFC 6455 5.2).
namespace ws_header {
inline constexpr std::uint8_t fin = 0x80;      // first byte
inline constexpr std::uint8_t reserved = 0x70; // first byte
inline constexpr std::uint8_t opcode = 0x0f;   // first byte
inline constexpr std::uint8_t control = 0x08;  // of the opcode
inline constexpr std::uint8_t mask = 0x80;     // second byte
// The second byte's 7-bit length: this value announces a 16-bit length to
// follow, anything above it a 64-bit one.
inline constexpr std::uint8_t length_16 = 126;
// The first byte and the second with its 7-bit length: the whole header
// of a frame up to 125 bytes, but for a masked frame's key, which follows.
inline constexpr std::size_t short_size = 2;
inline constexpr std::size_t mask_key_size = 4;
} // namespace ws_header

} // namespace floodtest
