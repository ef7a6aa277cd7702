// The control port's request handling on arbitrary bytes: Beast's parser with
// the control port's limits (net/control_reading.hpp), the handler's view of
// the request, the bearer token's comparison, and both JSON bodies read as
// /send and as /broadcast would (router/control_bodies.hpp), with the
// control API's limits. Requests are read one after another as on a
// kept-alive connection. Beyond what the sanitizers catch, it checks the
// contract: every answer is JSON, and what a body yields keeps the limits.
#include <cstdlib>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <nlohmann/json.hpp>

#include "net/control_reading.hpp"
#include "net/request_target.hpp"
#include "router/control_bodies.hpp"
#include "router/secret.hpp"
#include "tests/fuzz/byte_stream.hpp"

namespace {

namespace http = boost::beast::http;

void check(bool ok) {
  if (!ok)
    std::abort();
}

void check_answer(const net::control_response& res) {
  check(res.status >= 400 && res.status < 500);
  check(nlohmann::json::accept(res.body));
}

void check_batch(const router::message_batch& batch,
                 const router::control_limits& limits) {
  check(batch.ids.size() == batch.msgs.size());
  check(!batch.ids.empty() && batch.ids.size() <= limits.max_batch_messages);
  for (auto& id : batch.ids)
    check(net::is_valid_id(id));
  for (auto& msg : batch.msgs)
    check(msg.size() <= limits.max_message_bytes);
}

void read_bodies(const std::string& body) {
  const router::control_limits limits; // the control API's defaults
  auto sent = router::read_send_body(body, limits);
  if (auto* batch = std::get_if<router::message_batch>(&sent))
    check_batch(*batch, limits);
  else
    check_answer(std::get<net::control_response>(sent));
  auto broadcast = router::read_broadcast_body(body, limits);
  if (auto* msg = std::get_if<std::string>(&broadcast))
    check(msg->size() <= limits.max_message_bytes);
  else
    check_answer(std::get<net::control_response>(broadcast));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const net::control_limits limits; // the control server's defaults
  fuzz::byte_stream in{data, size};
  boost::beast::flat_buffer buffer;
  for (;;) {
    net::control_parser parser;
    net::limit_control_request(parser, limits);
    boost::beast::error_code ec;
    http::read(in, buffer, parser, ec);
    if (ec) {
      if (auto answer = net::control_read_failure(ec, limits))
        check_answer(*answer);
      return 0;
    }
    auto& msg = parser.get();
    bool keep_alive = msg.keep_alive();
    auto req = net::to_control_request(msg);
    check(req.body.size() <= limits.max_body_bytes);
    // The answer does not matter here, only that any header compares safely.
    static_cast<void>(router::same_secret(req.authorization, "Bearer token"));
    read_bodies(req.body);
    if (!keep_alive)
      return 0;
  }
}
