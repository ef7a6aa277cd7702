// The bytes caf-comet writes: response heads, canned error responses and chunk
// framing. Built by hand because a streaming connection must not keep Beast's
// response and serializer alive (about 2.3 KB each, measured).
#pragma once

#include <string>
#include <string_view>

namespace net {

// "Server: caf-comet/<version>"
std::string_view server_name();

// A complete response with a Content-Length body (none sent for
// `head_only`). `extra_headers` lines must each end in "\r\n".
std::string response_bytes(int status, std::string_view content_type,
                           std::string_view body, bool keep_alive,
                           bool head_only = false,
                           std::string_view extra_headers = {});

// The same with a text/plain body: the stream port's answers.
std::string simple_response(int status, std::string_view body, bool keep_alive,
                            bool head_only = false,
                            std::string_view extra_headers = {});

// "<hex size>\r\n<payload>\r\n"
std::string frame_chunk(std::string_view payload);

inline constexpr std::string_view last_chunk = "0\r\n\r\n";

std::string_view reason_phrase(int status);

} // namespace net
