#include "resolver_cache.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>

namespace floodtest {

namespace {

using boost::asio::ip::tcp;

std::variant<tcp::endpoint, int> lookup(const std::string& host,
                                        std::uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  auto service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found))
    return rc;
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard{found,
                                                           freeaddrinfo};
  // "localhost" gives ::1 and 127.0.0.1; servers here listen on IPv4, and
  // --sources are IPv4 addresses.
  const addrinfo* pick = found;
  for (auto* ai = found; ai != nullptr; ai = ai->ai_next)
    if (ai->ai_family == AF_INET) {
      pick = ai;
      break;
    }
  tcp::endpoint endpoint;
  std::memcpy(endpoint.data(), pick->ai_addr, pick->ai_addrlen);
  return endpoint;
}

} // namespace

std::variant<tcp::endpoint, int>
resolver_cache::resolve(const std::string& host, std::uint16_t port) {
  auto key = host + ':' + std::to_string(port);
  if (auto it = known_.find(key); it != known_.end())
    return it->second;
  return known_[key] = lookup(host, port);
}

} // namespace floodtest
