#include "http_bytes.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace app_test {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
              return std::tolower(static_cast<unsigned char>(x))
                     == std::tolower(static_cast<unsigned char>(y));
            });
}

} // namespace

std::string welcome_text(std::string_view id) {
  return "Mochiconntest welcomes you! Your Id: " + std::string{id} + "\n";
}

std::string tick_text(int n, std::string_view id) {
  return "Chunk " + std::to_string(n) + " for id " + std::string{id} + "\n";
}

std::string frame(std::string_view payload) {
  char size[32];
  std::snprintf(size, sizeof(size), "%zx\r\n", payload.size());
  return size + std::string{payload} + "\r\n";
}

std::string request(std::string_view method, std::string_view target,
                    std::string_view fields) {
  return std::string{method} + " " + std::string{target}
         + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string{fields} + "\r\n";
}

std::string last_request(std::string_view method, std::string_view target) {
  return request(method, target, "Connection: close\r\n");
}

int response_head::status() const {
  // "HTTP/1.1 200 OK": the code sits between the first two spaces.
  auto first = status_line.find(' ');
  if (first == std::string::npos || status_line.size() < first + 4)
    return 0;
  return std::atoi(status_line.substr(first + 1, 3).c_str());
}

std::optional<std::string> response_head::field(std::string_view name) const {
  for (auto& [key, value] : fields)
    if (equal_ignoring_case(key, name))
      return value;
  return std::nullopt;
}

std::optional<response_head> parse_head(std::string_view bytes) {
  auto end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos)
    return std::nullopt;
  response_head head;
  head.size = end + 4;
  auto text = bytes.substr(0, end + 2);
  auto eol = text.find("\r\n");
  head.status_line = text.substr(0, eol);
  for (auto pos = eol + 2; pos < text.size();) {
    auto line_end = text.find("\r\n", pos);
    auto line = text.substr(pos, line_end - pos);
    auto colon = line.find(':');
    auto value = colon == std::string_view::npos ? std::string_view{}
                                                 : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ')
      value.remove_prefix(1);
    head.fields.emplace_back(line.substr(0, colon), value);
    pos = line_end + 2;
  }
  return head;
}

int status_of(std::string_view bytes) {
  auto head = parse_head(bytes);
  return head ? head->status() : 0;
}

std::vector<plain_response> split_responses(std::string_view bytes,
                                            std::size_t* used) {
  std::vector<plain_response> out;
  std::size_t pos = 0;
  while (auto head = parse_head(bytes.substr(pos))) {
    if (head->field("Transfer-Encoding"))
      break; // a stream, not a plain response
    auto length = std::stoul(head->field("Content-Length").value_or("0"));
    if (bytes.size() < pos + head->size + length)
      break;
    auto body = bytes.substr(pos + head->size, length);
    pos += head->size + length;
    out.push_back({std::move(*head), std::string{body}});
  }
  if (used)
    *used = pos;
  return out;
}

chunked_body decode_chunks(std::string_view body) {
  chunked_body out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos)
      break;
    auto hex = std::string{body.substr(pos, eol - pos)};
    if (hex.empty()
        || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      out.malformed = true;
      break;
    }
    auto size = std::stoul(hex, nullptr, 16);
    auto payload_at = eol + 2;
    if (body.size() < payload_at + size + 2)
      break;
    if (body.substr(payload_at + size, 2) != "\r\n") {
      out.malformed = true;
      break;
    }
    pos = payload_at + size + 2;
    if (size == 0) {
      out.ended = true;
      break;
    }
    out.chunks.emplace_back(body.substr(payload_at, size));
  }
  out.trailing = body.size() - pos;
  return out;
}

} // namespace app_test
