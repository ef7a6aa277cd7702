// What the control-port tests need beside tests/app's fixture: a keep-alive
// JSON client for the control port, the bytes of a routed message as
// the spec prescribes them, and a check of a stream whose chunks mix ticks and
// routed messages under one gap-free counter N.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http_bytes.hpp"
#include "server_fixture.hpp"
#include "support/client.hpp"

namespace control_test {

// "Recvd msg #N: '<escaped>'<br/>": the chunk of a routed message, built from
// the spec, not from the server's code; `escaped` is already HTML-escaped.
std::string routed_text(int n, std::string_view escaped);

// The end of a routed message's chunk on the wire: it identifies the message
// whatever its N, and is only there once the whole chunk arrived.
std::string routed_tail(std::string_view escaped);

// {"id": id, "msg": msg} and {"msg": msg}, serialized.
std::string send_body(std::string_view id, std::string_view msg);
std::string broadcast_body(std::string_view msg);
// {"messages": [{"id": .., "msg": ..}, ..]}
std::string batch_body(
  const std::vector<std::pair<std::string, std::string>>& messages);

// One control-port response.
struct control_reply {
  app_test::response_head head;
  std::string body;
  nlohmann::json json; // discarded when the body is no JSON

  int status() const { return head.status(); }
  // json["delivered"], or -1 when missing or no integer.
  std::int64_t delivered() const;
  // A JSON object {"error": "<non-empty string>"} with this status and an
  // application/json Content-Type.
  ::testing::AssertionResult is_error(int status) const;
};

// A POST/GET with a Content-Length body (none for an empty body), optionally
// with "Authorization: Bearer <token>" and more `fields` (each ending in CRLF).
std::string control_request(std::string_view method, std::string_view target,
                            std::string_view body = "",
                            std::string_view fields = "");

// One keep-alive connection to the control port.
class control_client {
public:
  explicit control_client(std::uint16_t port) : socket_(port) {}

  // Sends one request and reads its response; nothing when no complete
  // response came within `timeout`.
  std::optional<control_reply>
  call(std::string_view method, std::string_view target,
       std::string_view body = "", std::string_view fields = "",
       std::chrono::milliseconds timeout = app_test::patience);

  // Sends raw bytes (one or several requests, or part of one).
  void send(const std::string& bytes) { socket_.send(bytes); }

  // The next response not yet returned; nothing when none completes within
  // `timeout` (or the server closed before).
  std::optional<control_reply>
  next_reply(std::chrono::milliseconds timeout = app_test::patience);

  support::raw_client& socket() { return socket_; }

private:
  support::raw_client socket_;
  std::size_t used_ = 0; // bytes of data() already returned as replies
};

// One request on a new connection.
std::optional<control_reply>
control_call(std::uint16_t port, std::string_view method,
             std::string_view target, std::string_view body = "",
             std::string_view fields = "");

// POST /send and /broadcast on a new connection: `delivered`, or -1 when the
// answer is not a 200 with an integer `delivered`.
std::int64_t send_to(std::uint16_t port, std::string_view id,
                     std::string_view msg);
std::int64_t broadcast(std::uint16_t port, std::string_view msg);

// A stream's chunks as the spec prescribes them: the welcome, then for every
// N = 1, 2, 3, ... either "Chunk N for id <id>\n" or a routed message with
// that N. `routed` (if given) receives the escaped text of each routed
// message, in order.
::testing::AssertionResult
counts_without_gap(const std::string& data, const std::string& id,
                   std::vector<std::string>* routed = nullptr);

// The N of the one routed message `escaped` the stream received, checking
// that its chunk is framed exactly (hex size CRLF payload CRLF); 0 if none.
int routed_n(app_test::stream_client& stream, std::string_view escaped);

// The service's count of deliveries to connections.
std::int64_t messages_routed(const app_test::comet_server& server);

// Waits until the stream received the whole chunk of the routed message.
bool wait_for_routed(app_test::stream_client& stream, std::string_view escaped,
                     std::chrono::milliseconds timeout = app_test::patience);

// Waits until `stream` received two more chunks after those it has; true
// when they came. Only ticks can come then unless a test routes more.
bool wait_two_more_ticks(app_test::stream_client& stream);

// Waits until the service counts `ids` ids and `connections` logged-in
// connections: a stream logs in after its welcome, asynchronously.
::testing::AssertionResult logged_in(const app_test::comet_server& server,
                                     std::int64_t ids,
                                     std::int64_t connections);

} // namespace control_test
