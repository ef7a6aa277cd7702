// Host names to addresses, each looked up once: a URL file names the same
// host thousands of times. Lookups block, so only the URL loader uses this,
// never the io thread that serves the streams.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <variant>

#include <boost/asio/ip/tcp.hpp>

namespace floodtest {

class resolver_cache {
public:
  // The endpoint for host:port (IPv4 preferred), or the getaddrinfo error
  // code (EAI_*) when the name does not resolve.
  std::variant<boost::asio::ip::tcp::endpoint, int>
  resolve(const std::string& host, std::uint16_t port);

private:
  std::unordered_map<std::string,
                     std::variant<boost::asio::ip::tcp::endpoint, int>>
    known_;
};

} // namespace floodtest
