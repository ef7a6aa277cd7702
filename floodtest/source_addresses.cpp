#include "source_addresses.hpp"

namespace floodtest {

namespace {

using boost::asio::ip::address_v4;

// More addresses than this is a typo, not a plan (each has ~28k ports).
constexpr std::uint32_t max_sources = 65536;

bool parse_one(std::string_view text, address_v4& out) {
  boost::system::error_code ec;
  out = boost::asio::ip::make_address_v4(std::string{text}, ec);
  return !ec;
}

} // namespace

bool parse_sources(std::string_view text, std::vector<address_v4>& out,
                   std::string& why) {
  out.clear();
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{}
                                           : text.substr(comma + 1);
    auto dash = item.find('-');
    address_v4 first;
    address_v4 last;
    if (!parse_one(item.substr(0, dash), first)
        || !parse_one(dash == std::string_view::npos ? item.substr(0, dash)
                                                     : item.substr(dash + 1),
                      last)) {
      why = "bad address in '" + std::string{item} + "'";
      return false;
    }
    if (last < first) {
      why = "range '" + std::string{item} + "' runs backwards";
      return false;
    }
    if (std::uint64_t{last.to_uint()} - first.to_uint() + out.size()
        >= max_sources) {
      why = "more than 65536 source addresses";
      return false;
    }
    for (std::uint64_t ip = first.to_uint(); ip <= last.to_uint(); ++ip)
      out.emplace_back(static_cast<address_v4::uint_type>(ip));
  }
  return true;
}

} // namespace floodtest
