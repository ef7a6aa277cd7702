// A fuzz input as the synchronous stream Beast's http::read reads from, so
// that a target parses with the same read algorithm, buffer and parser as the
// server's sessions. The input's end is the peer's close (asio eof).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

namespace fuzz {

class byte_stream {
public:
  byte_stream(const std::uint8_t* data, std::size_t size)
    : data_(data), left_(size) {
  }

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers,
                        boost::system::error_code& ec) {
    if (left_ == 0) {
      ec = boost::asio::error::eof;
      return 0;
    }
    ec = {};
    auto n = boost::asio::buffer_copy(buffers,
                                      boost::asio::buffer(data_, left_));
    data_ += n;
    left_ -= n;
    return n;
  }

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    boost::system::error_code ec;
    auto n = read_some(buffers, ec);
    if (ec)
      throw boost::system::system_error{ec};
    return n;
  }

private:
  const std::uint8_t* data_;
  std::size_t left_;
};

} // namespace fuzz
