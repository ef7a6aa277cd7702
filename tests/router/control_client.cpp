#include "control_client.hpp"

#include <algorithm>

#include "http_bytes.hpp"

namespace control_test {

using namespace std::chrono_literals;

std::string routed_text(int n, std::string_view escaped) {
  return "Recvd msg #" + std::to_string(n) + ": '" + std::string{escaped}
         + "'<br/>";
}

std::string routed_tail(std::string_view escaped) {
  return ": '" + std::string{escaped} + "'<br/>\r\n";
}

std::string send_body(std::string_view id, std::string_view msg) {
  return nlohmann::json{{"id", id}, {"msg", msg}}.dump();
}

std::string batch_body(
  const std::vector<std::pair<std::string, std::string>>& messages) {
  auto list = nlohmann::json::array();
  for (auto& [id, msg] : messages)
    list.push_back({{"id", id}, {"msg", msg}});
  return nlohmann::json{{"messages", list}}.dump();
}

std::string broadcast_body(std::string_view msg) {
  return nlohmann::json{{"msg", msg}}.dump();
}

std::int64_t control_reply::delivered() const {
  if (!json.is_object() || !json.contains("delivered")
      || !json["delivered"].is_number_integer())
    return -1;
  return json["delivered"].get<std::int64_t>();
}

::testing::AssertionResult control_reply::is_error(int expected) const {
  if (status() != expected)
    return ::testing::AssertionFailure()
           << "status " << status() << ", expected " << expected
           << "; body: " << body;
  auto type = head.field("Content-Type").value_or("");
  if (!type.starts_with("application/json"))
    return ::testing::AssertionFailure() << "Content-Type '" << type << "'";
  if (!json.is_object() || !json.contains("error")
      || !json["error"].is_string()
      || json["error"].get<std::string>().empty())
    return ::testing::AssertionFailure()
           << "body is no {\"error\": \"...\"}: " << body;
  return ::testing::AssertionSuccess();
}

std::string control_request(std::string_view method, std::string_view target,
                            std::string_view body, std::string_view fields) {
  std::string all{fields};
  if (!body.empty())
    all += "Content-Type: application/json\r\nContent-Length: "
           + std::to_string(body.size()) + "\r\n";
  return app_test::request(method, target, all) + std::string{body};
}

std::optional<control_reply>
control_client::call(std::string_view method, std::string_view target,
                     std::string_view body, std::string_view fields,
                     std::chrono::milliseconds timeout) {
  socket_.send(control_request(method, target, body, fields));
  return next_reply(timeout);
}

std::optional<control_reply>
control_client::next_reply(std::chrono::milliseconds timeout) {
  // No text marks the end of a Content-Length body, so read in short slices
  // until split_responses finds one more complete response. A NUL byte is in
  // no HTTP head and no JSON text: it is never found.
  static const std::string never(1, '\0');
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::string_view rest{socket_.data()};
    rest.remove_prefix(used_);
    std::size_t used = 0;
    auto replies = app_test::split_responses(rest, &used);
    if (!replies.empty()) {
      auto& first = replies.front();
      used_ += first.head.size + first.body.size();
      control_reply out{std::move(first.head), std::move(first.body), {}};
      out.json = nlohmann::json::parse(out.body, nullptr, false);
      return out;
    }
    if (socket_.closed() || std::chrono::steady_clock::now() >= deadline)
      return std::nullopt;
    socket_.read_until(never, 5ms);
  }
}

std::optional<control_reply>
control_call(std::uint16_t port, std::string_view method,
             std::string_view target, std::string_view body,
             std::string_view fields) {
  control_client client{port};
  return client.call(method, target, body, fields);
}

namespace {

std::int64_t delivered_by(std::optional<control_reply> reply) {
  if (!reply || reply->status() != 200)
    return -1;
  return reply->delivered();
}

} // namespace

std::int64_t send_to(std::uint16_t port, std::string_view id,
                     std::string_view msg) {
  return delivered_by(control_call(port, "POST", "/send", send_body(id, msg)));
}

std::int64_t broadcast(std::uint16_t port, std::string_view msg) {
  return delivered_by(
    control_call(port, "POST", "/broadcast", broadcast_body(msg)));
}

::testing::AssertionResult counts_without_gap(const std::string& data,
                                              const std::string& id,
                                              std::vector<std::string>* routed) {
  auto head = app_test::parse_head(data);
  if (!head)
    return ::testing::AssertionFailure() << "no complete head in: " << data;
  if (head->status_line != "HTTP/1.1 200 OK"
      || head->field("Transfer-Encoding") != "chunked")
    return ::testing::AssertionFailure() << "not a chunked 200: " << data;
  auto body = app_test::decode_chunks(std::string_view{data}.substr(head->size));
  if (body.malformed)
    return ::testing::AssertionFailure() << "broken chunk framing: " << data;
  if (body.chunks.empty())
    return ::testing::AssertionFailure() << "no welcome: " << data;
  if (body.chunks[0] != app_test::welcome_text(id))
    return ::testing::AssertionFailure()
           << "first chunk is '" << body.chunks[0] << "', not the welcome";
  for (std::size_t i = 1; i < body.chunks.size(); ++i) {
    auto& chunk = body.chunks[i];
    auto n = static_cast<int>(i);
    if (chunk == app_test::tick_text(n, id))
      continue;
    auto prefix = "Recvd msg #" + std::to_string(n) + ": '";
    std::string_view suffix = "'<br/>";
    if (chunk.size() >= prefix.size() + suffix.size()
        && chunk.starts_with(prefix) && chunk.ends_with(suffix)) {
      if (routed)
        routed->push_back(chunk.substr(
          prefix.size(), chunk.size() - prefix.size() - suffix.size()));
      continue;
    }
    return ::testing::AssertionFailure()
           << "chunk " << i << " is '" << chunk << "', expected tick or "
           << "routed message #" << n << "; stream: " << data;
  }
  if (body.ended && body.trailing != 0)
    return ::testing::AssertionFailure() << "bytes after the last chunk";
  return ::testing::AssertionSuccess();
}

bool wait_for_routed(app_test::stream_client& stream, std::string_view escaped,
                     std::chrono::milliseconds timeout) {
  auto tail = routed_tail(escaped);
  return stream.socket().read_until(tail, timeout).find(tail)
         != std::string::npos;
}

int routed_n(app_test::stream_client& stream, std::string_view escaped) {
  auto& data = stream.socket().data();
  int found = 0;
  for (int n = 1; n <= stream.last_tick(); ++n)
    if (data.find(app_test::frame(routed_text(n, escaped)))
        != std::string::npos) {
      EXPECT_EQ(found, 0) << "routed twice: " << escaped;
      found = n;
    }
  return found;
}

std::int64_t messages_routed(const app_test::comet_server& server) {
  return app_test::counter(server.stats(), "messages_routed");
}

bool wait_two_more_ticks(app_test::stream_client& stream) {
  return stream.wait_for_tick(std::max(stream.last_tick(), 0) + 2);
}

// Waits until the router counts `ids` ids and `connections` logged-in
// connections: a stream logs in after its welcome, asynchronously.
::testing::AssertionResult logged_in(const app_test::comet_server& server,
                                     std::int64_t ids,
                                     std::int64_t connections) {
  if (server.wait_for_stats(
        [&](const nlohmann::json& s) {
          return app_test::counter(s, "ids") == ids
                 && app_test::counter(s, "logged_in") == connections;
        },
        app_test::patience))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected ids=" << ids << " logged_in=" << connections
         << "; /stats: " << server.stats().dump();
}

} // namespace control_test
