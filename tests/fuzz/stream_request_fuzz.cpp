// The stream port's request handling on arbitrary bytes: Beast's parser with
// the server's limits and read buffer (net/stream_request.hpp), then the
// request target, the Id's decoding and the routing decision. Requests are
// read one after another as on a kept-alive connection, until one starts a
// stream, closes the connection or fails. Beyond what the sanitizers catch,
// it checks the contract: a stream's Id is a valid Id, and every other
// answer is one the README names.
#include <cstdlib>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include "net/stream_request.hpp"
#include "tests/fuzz/byte_stream.hpp"

namespace {

namespace http = boost::beast::http;

void check(bool ok) {
  if (!ok)
    std::abort();
}

bool answered(int status) {
  switch (status) {
    case 400: case 404: case 426: case 501:
      return true;
    default:
      return false;
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const net::server_limits limits; // the server's defaults
  fuzz::byte_stream in{data, size};
  boost::beast::flat_buffer buffer{net::request_buffer_bytes(limits)};
  for (;;) {
    net::request_parser parser;
    net::limit_request(parser, limits);
    boost::beast::error_code ec;
    http::read(in, buffer, parser, ec);
    if (ec) {
      auto status = net::read_failure_status(ec);
      check(status == 0 || status == 400 || status == 413 || status == 431);
      return 0;
    }
    auto d = net::decide_request(parser.get());
    if (d.what.kind == net::route::stream) {
      check(d.what.status == 200 && net::is_valid_id(d.what.id));
      if (!d.head || !d.chunked)
        return 0; // a stream, or a HEAD answered without keep-alive
    } else if (d.what.kind == net::route::websocket) {
      // An upgrade leaves HTTP; a refused Id is closed with 1008 after it.
      check(d.what.status == 200 ? net::is_valid_id(d.what.id)
                                 : d.what.status == 400);
      return 0;
    } else if (d.what.kind == net::route::page) {
      check(d.what.status == 200 && d.what.id.empty());
    } else {
      check(answered(d.what.status) && d.what.id.empty());
    }
    if (!d.keep_alive)
      return 0;
  }
}
