#include "ws_handshake.hpp"

#include <array>

#include "url.hpp"

namespace floodtest {

std::string ws_key(std::uint64_t nonce_high, std::uint64_t nonce_low) {
  constexpr std::string_view alphabet
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::array<std::uint8_t, 16> bytes;
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<std::uint8_t>(nonce_high >> (56 - 8 * i));
    bytes[8 + i] = static_cast<std::uint8_t>(nonce_low >> (56 - 8 * i));
  }
  std::string key;
  key.reserve(24);
  // Five groups of three bytes, then the sixteenth byte alone with "==".
  for (std::size_t i = 0; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6)
      key += alphabet[(group >> shift) & 0x3f];
  }
  key += alphabet[bytes[15] >> 2];
  key += alphabet[(bytes[15] & 0x03) << 4];
  key += "==";
  return key;
}

std::string ws_upgrade_request(const http_url& url, std::uint64_t nonce_high,
                               std::uint64_t nonce_low) {
  std::string request;
  request.reserve(url.target.size() + url.authority.size() + 160);
  request += "GET ";
  request += url.target;
  request += " HTTP/1.1\r\nHost: ";
  request += url.authority;
  request += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: ";
  request += ws_key(nonce_high, nonce_low);
  request += "\r\nSec-WebSocket-Version: 13\r\n\r\n";
  return request;
}

} // namespace floodtest
