#include "net/http_text.hpp"

#include <charconv>

namespace net {

std::string_view server_name() {
  return "caf-comet/" CAF_COMET_VERSION;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

std::string response_bytes(int status, std::string_view content_type,
                           std::string_view body, bool keep_alive,
                           bool head_only, std::string_view extra_headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " ";
  out += reason_phrase(status);
  out += "\r\nServer: ";
  out += server_name();
  out += "\r\nContent-Type: ";
  out += content_type;
  out += "\r\nContent-Length: ";
  out += std::to_string(body.size());
  out += keep_alive ? "\r\n" : "\r\nConnection: close\r\n";
  out += extra_headers;
  out += "\r\n";
  if (!head_only)
    out += body;
  return out;
}

std::string simple_response(int status, std::string_view body, bool keep_alive,
                            bool head_only, std::string_view extra_headers) {
  return response_bytes(status, "text/plain; charset=utf-8", body, keep_alive,
                        head_only, extra_headers);
}

std::string frame_chunk(std::string_view payload) {
  // Every chunk of every stream passes here: no printf machinery.
  char size[16];
  auto end = std::to_chars(size, size + sizeof(size), payload.size(), 16).ptr;
  std::string out;
  out.reserve(static_cast<size_t>(end - size) + payload.size() + 4);
  out.append(size, end);
  out.append("\r\n");
  out.append(payload);
  out.append("\r\n");
  return out;
}

} // namespace net
