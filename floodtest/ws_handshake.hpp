// The client's half of the WebSocket opening handshake (RFC 6455 4.1): a GET
// that asks to upgrade, with a fresh Sec-WebSocket-Key. The server's
// Sec-WebSocket-Accept is not checked: its 101 status is taken as the
// answer (checking needs SHA-1, which a load generator can do without).
#pragma once

#include <cstdint>
#include <string>

namespace floodtest {

struct http_url;

// The upgrade request for `url`; the key is the base64 of the 16 bytes of
// `nonce_high` and `nonce_low`, which the caller draws at random.
std::string ws_upgrade_request(const http_url& url, std::uint64_t nonce_high,
                               std::uint64_t nonce_low);

// The base64 of 16 bytes (24 characters, two of them padding).
std::string ws_key(std::uint64_t nonce_high, std::uint64_t nonce_low);

} // namespace floodtest
