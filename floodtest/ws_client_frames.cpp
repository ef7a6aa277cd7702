#include "ws_client_frames.hpp"

namespace floodtest {

namespace {

// Byte i of the payload is XORed with byte i % 4 of the key, the key's most
// significant byte first.
std::uint8_t key_byte(std::uint32_t mask_key, std::size_t position) {
  constexpr auto size = ws_header::mask_key_size;
  return static_cast<std::uint8_t>(mask_key >> (8 * (size - 1 - position % size)));
}

} // namespace

void write_control_header(std::span<char> out, ws_opcode opcode,
                          std::size_t length, std::uint32_t mask_key) {
  out[0] = static_cast<char>(ws_header::fin | static_cast<std::uint8_t>(opcode));
  out[1] = static_cast<char>(ws_header::mask | length);
  for (std::size_t i = 0; i < ws_header::mask_key_size; ++i)
    out[ws_header::short_size + i] = static_cast<char>(key_byte(mask_key, i));
}

std::uint32_t mask_key_of(std::span<const char> header) {
  std::uint32_t key = 0;
  for (std::size_t i = 0; i < ws_header::mask_key_size; ++i)
    key = (key << 8) | static_cast<std::uint8_t>(header[ws_header::short_size + i]);
  return key;
}

void mask_payload(std::span<char> bytes, std::uint32_t mask_key,
                  std::size_t offset) {
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ key_byte(mask_key, offset + i));
}

std::size_t write_control_frame(std::span<char> out, ws_opcode opcode,
                                std::string_view payload,
                                std::uint32_t mask_key) {
  write_control_header(out, opcode, payload.size(), mask_key);
  for (std::size_t i = 0; i < payload.size(); ++i)
    out[control_header_size + i]
      = static_cast<char>(payload[i] ^ key_byte(mask_key, i));
  return control_header_size + payload.size();
}

} // namespace floodtest
