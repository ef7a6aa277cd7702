#include "net/request_target.hpp"

namespace net {

namespace {

bool is_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
         || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~'
         || c == '-';
}

} // namespace

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > max_id_length)
    return false;
  for (char c : id)
    if (!is_id_char(c))
      return false;
  return true;
}

std::string decode_id(std::string_view text) {
  std::string id;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size())
        return {};
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0)
        return {};
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (!is_id_char(c) || id.size() == max_id_length)
      return {};
    id.push_back(c);
  }
  return id;
}

route route_request(std::string_view method, std::string_view target) {
  if (method != "GET" && method != "HEAD") {
    if (method == "POST")
      return {route::respond, 404, {}};
    return {route::respond, 501, {}};
  }
  // The query string does not name the resource.
  target = target.substr(0, target.find('?'));
  constexpr std::string_view prefix = "/test/";
  if (!target.starts_with(prefix))
    return {route::respond, 404, {}};
  auto id = decode_id(target.substr(prefix.size()));
  if (id.empty())
    return {route::respond, 400, {}};
  return {route::stream, 200, std::move(id)};
}

} // namespace net
