// How the URL loader actor hands a URL to the io side without touching a
// socket: the implementation posts to the io thread.
#pragma once

#include <cstddef>
#include <string>

#include <boost/asio/ip/tcp.hpp>

namespace floodtest {

struct open_request {
  boost::asio::ip::tcp::endpoint endpoint; // already resolved
  std::string request;                     // the whole GET, ready to write
};

class stream_opener {
public:
  virtual ~stream_opener() = default;

  // Thread-safe: callable from any actor.
  virtual void open(open_request request) = 0;

  // Requests handed over that have not started connecting yet. The loader
  // stays this close to the io side instead of queueing a whole file there.
  virtual std::size_t backlog() const = 0;
};

} // namespace floodtest
