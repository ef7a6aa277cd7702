#include "url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace floodtest {

namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size()
         && std::equal(prefix.begin(), prefix.end(), text.begin(),
                       [](char a, char b) {
                         return std::tolower(static_cast<unsigned char>(a))
                                == std::tolower(static_cast<unsigned char>(b));
                       });
}

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'
         || c == '_';
}

bool fail(std::string& why, std::string reason) {
  why = std::move(reason);
  return false;
}

} // namespace

bool parse_url(std::string_view text, http_url& out, std::string& why) {
  constexpr std::string_view scheme = "http://";
  if (!starts_with_nocase(text, scheme))
    return fail(why, text.find("://") == std::string_view::npos
                       ? "no http:// scheme"
                       : "only http:// is supported");
  // Bytes that would corrupt the request line are rejected, not escaped: a
  // URL file with them is broken and the user should know which line it is.
  for (char c : text)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
      return fail(why, "contains spaces or control characters");
  auto rest = text.substr(scheme.size());
  auto end_of_authority = rest.find_first_of("/?#");
  auto authority = rest.substr(0, end_of_authority);
  auto target = end_of_authority == std::string_view::npos
                  ? std::string_view{}
                  : rest.substr(end_of_authority);
  target = target.substr(0, target.find('#'));
  if (authority.find('@') != std::string_view::npos)
    return fail(why, "user names in URLs are not supported");
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      return fail(why, "unclosed '[' in host");
    host = authority.substr(1, close - 1);
    auto after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':')
      return fail(why, "junk after ']'");
    if (!after.empty())
      port = after.substr(1);
  } else if (auto colon = authority.rfind(':');
             colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (!std::all_of(host.begin(), host.end(), is_host_char))
      return fail(why, "bad character in host");
  } else if (!std::all_of(host.begin(), host.end(), is_host_char)) {
    return fail(why, "bad character in host");
  }
  if (host.empty())
    return fail(why, "no host");
  unsigned port_number = 80;
  if (!port.empty() || authority.back() == ':') {
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(),
                                     port_number);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size()
        || port_number == 0 || port_number > 65535)
      return fail(why, "bad port");
  }
  out.host.assign(host);
  out.port = static_cast<std::uint16_t>(port_number);
  // "http://host?q" asks for "/?q".
  out.target.clear();
  if (target.empty() || target.front() != '/')
    out.target.push_back('/');
  out.target.append(target);
  out.authority.assign(authority);
  return true;
}

std::string make_request(const http_url& url) {
  std::string request;
  request.reserve(url.target.size() + url.authority.size() + 32);
  request += "GET ";
  request += url.target;
  request += " HTTP/1.1\r\nHost: ";
  request += url.authority;
  request += "\r\n\r\n";
  return request;
}

void write_url_list(std::string_view base, std::uint64_t count,
                    std::ostream& out) {
  for (std::uint64_t i = 1; i <= count; ++i)
    out << base << i << '\n';
}

} // namespace floodtest
