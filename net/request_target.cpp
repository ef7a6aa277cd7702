#include "net/request_target.hpp"

#include <charconv>

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

std::optional<std::uint64_t> parse_seq(std::string_view text) {
  std::uint64_t value = 0;
  auto end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end)
    return std::nullopt;
  return value;
}

namespace {

struct route_entry {
  std::string_view prefix; // the Id follows it, unless `exact`
  route::kind_t kind;
  stream_format format;
  std::string_view resume_key; // the query parameter naming a resume point
  bool exact = false;           // the path is `prefix` itself, with no Id
};

constexpr route_entry routes[] = {
  {"/test/", route::stream, stream_format::html, {}},
  {"/sse/", route::stream, stream_format::sse, "lastEventId="},
  {"/ws/", route::websocket, stream_format::json, "last="},
  {"/", route::page, {}, {}, true},
};

// The value of `key` (e.g. "last=") in a query string, if present.
std::optional<std::string_view> query_value(std::string_view query,
                                            std::string_view key) {
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    if (pair.starts_with(key))
      return pair.substr(key.size());
    if (amp == std::string_view::npos)
      break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

} // namespace

route route_request(std::string_view method, std::string_view target) {
  if (method != "GET" && method != "HEAD") {
    if (method == "POST")
      return {route::respond, 404, {}};
    return {route::respond, 501, {}};
  }
  auto question = target.find('?');
  auto path = target.substr(0, question);
  auto query = question == std::string_view::npos ? std::string_view{}
                                                  : target.substr(question + 1);
  for (auto& entry : routes) {
    if (entry.exact ? path != entry.prefix : !path.starts_with(entry.prefix))
      continue;
    // Its query is the page's own (?id=, ?transport=), read by its script.
    if (entry.kind == route::page)
      return {route::page, 200, {}};
    // A WebSocket learns of a refusal after its handshake, as a close code.
    auto refused = entry.kind == route::websocket ? route::websocket
                                                  : route::respond;
    auto id = decode_id(path.substr(entry.prefix.size()));
    if (id.empty())
      return {refused, 400, {}, entry.format, {}, invalid_id_text};
    route r{entry.kind, 200, std::move(id), entry.format};
    if (!entry.resume_key.empty())
      if (auto value = query_value(query, entry.resume_key)) {
        r.resume_after = parse_seq(*value);
        if (!r.resume_after)
          return {refused, 400, {}, entry.format, {}, invalid_seq_text};
      }
    return r;
  }
  return {route::respond, 404, {}};
}

} // namespace net
