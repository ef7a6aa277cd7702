// The control port's refusals against the real binary on loopback: every
// error status with its JSON body and none disturbing a stream, keep-alive
// and pipelining, /stats' counters and the bearer token.
#include <gtest/gtest.h>

#include "control_client.hpp"
#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace control_test {
namespace {

using namespace app_test;
using json = nlohmann::json;

// -- errors: each with a JSON body, none disturbing a stream ---------------------

class ControlErrors : public witnessed_server_test {
protected:
  std::optional<control_reply> call(std::string_view method,
                                    std::string_view target,
                                    std::string_view body = "") {
    return control_call(server->control_port(), method, target, body);
  }

  // After the errors the control port still answers; the witness stream
  // still counts and a new stream works (witnessed_server_test).
  void TearDown() override {
    if (!server)
      return; // SetUp failed, and said so
    auto stats = server->stats();
    EXPECT_FALSE(stats.is_discarded());
    witnessed_server_test::TearDown();
  }
};

TEST_F(ControlErrors, BadBodiesAre400) {
  const std::vector<std::pair<std::string, std::string>> cases{
    // not JSON
    {"/send", R"({"id":"alice","msg":)"},
    {"/send", "not json"},
    {"/send", ""},
    {"/send", "{\"id\":\"alice\",\"msg\":\"\xff\"}"}, // not UTF-8
    // JSON, but no object
    {"/send", R"(["alice","hi"])"},
    {"/send", R"("hello")"},
    {"/send", "null"},
    // a field missing
    {"/send", R"({"msg":"hi"})"},
    {"/send", R"({"id":"alice"})"},
    {"/send", R"({})"},
    // a field of the wrong type
    {"/send", R"({"id":42,"msg":"hi"})"},
    {"/send", R"({"id":null,"msg":"hi"})"},
    {"/send", R"({"id":["alice"],"msg":"hi"})"},
    {"/send", R"({"id":"alice","msg":42})"},
    {"/send", R"({"id":"alice","msg":{"text":"hi"}})"},
    // no valid Id
    {"/send", R"({"id":"a b","msg":"hi"})"},
    {"/send", R"({"id":"","msg":"hi"})"},
    {"/send", R"({"id":"<script>","msg":"hi"})"},
    {"/send", R"({"id":"a/b","msg":"hi"})"},
    {"/send", send_body(std::string(65, 'a'), "hi")},
    {"/broadcast", R"({"msg":)"},
    {"/broadcast", R"(["hi"])"},
    {"/broadcast", R"({})"},
    {"/broadcast", R"({"msg":1})"},
  };
  for (auto& [target, body] : cases) {
    auto reply = call("POST", target, body);
    ASSERT_TRUE(reply) << target << " " << body;
    EXPECT_TRUE(reply->is_error(400)) << target << " " << body;
  }
  // The longest valid Id is one.
  EXPECT_EQ(send_to(server->control_port(), std::string(64, 'a'), "hi"), 0);
  EXPECT_EQ(messages_routed(*server), 0);
}

TEST_F(ControlErrors, BodyOver64KiBIs413) {
  // {"id":"nobody","msg":"hi"} padded with JSON whitespace to `size` bytes.
  auto padded = [](std::size_t size) {
    auto body = send_body("nobody", "hi");
    return body + std::string(size - body.size(), ' ');
  };
  auto reply = call("POST", "/send", padded(70000));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(413));
  reply = call("POST", "/send", padded(65537));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(413));
  reply = call("POST", "/send", padded(65536));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status(), 200) << reply->body;
  EXPECT_EQ(reply->delivered(), 0) << reply->body;
  // A long message in a body over the limit is the same 413.
  reply = call("POST", "/broadcast", broadcast_body(std::string(70000, 'x')));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(413));
}

TEST_F(ControlErrors, MessageOver16KiBIs413) {
  stream_client big{server->port(), "big"};
  ASSERT_TRUE(big.wait_for_welcome());
  ASSERT_TRUE(logged_in(*server, 2, 2)); // with the witness

  for (std::size_t size : {17000u, 16385u}) {
    auto reply = call("POST", "/send", send_body("big", std::string(size, 'x')));
    ASSERT_TRUE(reply) << size;
    EXPECT_TRUE(reply->is_error(413)) << size;
    reply = call("POST", "/broadcast", broadcast_body(std::string(size, 'x')));
    ASSERT_TRUE(reply) << size;
    EXPECT_TRUE(reply->is_error(413)) << size;
  }
  EXPECT_EQ(messages_routed(*server), 0);

  // 16,000 and 16,384 bytes go through, in one chunk each.
  for (std::size_t size : {16000u, 16384u}) {
    std::string msg(size, static_cast<char>('a' + size % 26));
    EXPECT_EQ(send_to(server->control_port(), "big", msg), 1) << size;
    ASSERT_TRUE(wait_for_routed(big, msg)) << size;
    EXPECT_GT(routed_n(big, msg), 0) << size;
  }
  ASSERT_TRUE(wait_two_more_ticks(big));
  EXPECT_TRUE(counts_without_gap(big.socket().data(), "big"));
}

TEST_F(ControlErrors, UnknownPathIs404) {
  // "/" is the dashboard (GET) and "/metrics" Prometheus's page.
  for (auto target : {"/nope", "/send/x", "/SEND", "/stats/", "/sendx",
                      "/metrics/", "/index.html"}) {
    auto reply = call("GET", target);
    ASSERT_TRUE(reply) << target;
    EXPECT_TRUE(reply->is_error(404)) << target;
    reply = call("POST", target, send_body("alice", "hi"));
    ASSERT_TRUE(reply) << target;
    EXPECT_TRUE(reply->is_error(404)) << target;
  }
}

TEST_F(ControlErrors, WrongMethodIs405WithAllow) {
  // {method, target, the one method Allow must name}
  const std::vector<std::tuple<std::string, std::string, std::string>> cases{
    {"GET", "/send", "POST"},      {"GET", "/broadcast", "POST"},
    {"PUT", "/send", "POST"},      {"DELETE", "/broadcast", "POST"},
    {"POST", "/stats", "GET"},     {"DELETE", "/stats", "GET"},
    {"POST", "/metrics", "GET"},   {"POST", "/", "GET"},
  };
  for (auto& [method, target, allow] : cases) {
    auto body = method == "GET" ? "" : send_body("alice", "hi");
    auto reply = call(method, target, body);
    ASSERT_TRUE(reply) << method << " " << target;
    EXPECT_TRUE(reply->is_error(405)) << method << " " << target;
    EXPECT_EQ(reply->head.field("Allow"), allow) << method << " " << target;
  }
  EXPECT_EQ(messages_routed(*server), 0);
}

TEST_F(ControlErrors, KeepAliveServesRequestsInTurnAndPipelined) {
  control_client control{server->control_port()};
  auto reply = control.call("GET", "/stats");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status(), 200);
  EXPECT_FALSE(reply->head.field("Connection")) << "it closes after one";
  reply = control.call("POST", "/send", send_body("witness", "one"));
  ASSERT_TRUE(reply) << control.socket().data();
  EXPECT_EQ(reply->delivered(), 1) << reply->body;
  // An error answered on the connection does not end it either.
  reply = control.call("POST", "/send", "{");
  ASSERT_TRUE(reply) << control.socket().data();
  EXPECT_TRUE(reply->is_error(400));
  // Two requests in one write: two answers, in order.
  control.send(control_request("POST", "/send", send_body("nobody", "two"))
               + control_request("GET", "/stats"));
  auto first = control.next_reply();
  auto second = control.next_reply();
  ASSERT_TRUE(first && second) << control.socket().data();
  EXPECT_EQ(first->json, (json{{"delivered", 0}})) << first->body;
  EXPECT_EQ(second->status(), 200);
  EXPECT_EQ(counter(second->json, "messages_routed"), 1) << second->body;
  EXPECT_FALSE(control.socket().closed());

  // The witness got "one" and counts on with it; the fixture's own check
  // expects ticks only, so this is its last chunk that is a message: check
  // here and let TearDown see a stream of ticks after a fresh witness.
  ASSERT_TRUE(wait_for_routed(*witness, "one")) << witness->socket().data();
  ASSERT_TRUE(wait_two_more_ticks(*witness));
  EXPECT_TRUE(counts_without_gap(witness->socket().data(), "witness"));
  witness = std::make_unique<stream_client>(server->port(), "witness2");
  ASSERT_TRUE(witness->wait_for_tick(1));
}

TEST_F(ControlErrors, StatsHasEveryCounter) {
  auto reply = call("GET", "/stats");
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->status(), 200) << reply->body;
  auto& stats = reply->json;
  ASSERT_TRUE(stats.is_object()) << reply->body;
  for (auto name : {"connections", "streams", "ids", "logged_in", "ticking",
                    "chunks_sent", "messages_routed", "rejected",
                    "slow_closed", "bad_requests", "rss_bytes", "heap_bytes"})
    EXPECT_GE(counter(stats, name), 0) << name << " in " << reply->body;
  ASSERT_TRUE(stats.contains("uptime_s") && stats["uptime_s"].is_number())
    << reply->body;
  EXPECT_GE(stats["uptime_s"].get<double>(), 0.0);
  EXPECT_GT(counter(stats, "rss_bytes"), 0);
  EXPECT_EQ(counter(stats, "streams"), 1); // the witness
  EXPECT_GE(counter(stats, "connections"), 1);
  EXPECT_GE(counter(stats, "chunks_sent"), 2); // its welcome and tick 1
  EXPECT_EQ(counter(stats, "ids"), 1);
  EXPECT_EQ(counter(stats, "logged_in"), 1);
}

// -- the token ----------------------------------------------------------------

TEST(ControlToken, EveryRequestNeedsTheBearerToken) {
  comet_server server{{"50ms", {"--control.token=secret"}}};
  auto port = server.control_port();
  const std::string good = "Authorization: Bearer secret\r\n";
  stream_client stream{server.port(), "tok"}; // streams need no token
  ASSERT_TRUE(stream.wait_for_tick(1)) << stream.socket().data();

  auto reply = control_call(port, "GET", "/stats");
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(401));
  EXPECT_TRUE(reply->head.field("WWW-Authenticate").value_or("").starts_with(
    "Bearer"))
    << reply->body;

  for (std::string wrong :
       {"Bearer wrong", "Bearer secre", "Bearer secretx", "Bearer SECRET",
        "bearer  secret", "secret", "Basic c2VjcmV0", "Bearer"}) {
    reply = control_call(port, "GET", "/stats", "",
                         "Authorization: " + wrong + "\r\n");
    ASSERT_TRUE(reply) << wrong;
    EXPECT_TRUE(reply->is_error(401)) << wrong;
  }
  // Without it nothing is sent, and no path or method is revealed.
  for (auto [method, target] :
       {std::pair{"POST", "/send"}, {"POST", "/broadcast"}, {"GET", "/nope"},
        {"GET", "/send"}}) {
    reply = control_call(port, method, target,
                         method == std::string{"POST"}
                           ? send_body("tok", "unauthorized")
                           : "",
                         "Authorization: Bearer wrong\r\n");
    ASSERT_TRUE(reply) << method << " " << target;
    EXPECT_TRUE(reply->is_error(401)) << method << " " << target;
  }

  reply = control_call(port, "GET", "/stats", "", good);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status(), 200) << reply->body;
  EXPECT_EQ(counter(reply->json, "messages_routed"), 0) << reply->body;
  EXPECT_EQ(counter(reply->json, "logged_in"), 1) << reply->body;

  reply = control_call(port, "POST", "/send", send_body("tok", "authorized"),
                       good);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status(), 200) << reply->body;
  EXPECT_EQ(reply->delivered(), 1) << reply->body;
  ASSERT_TRUE(wait_for_routed(stream, "authorized")) << stream.socket().data();
  std::vector<std::string> routed;
  EXPECT_TRUE(counts_without_gap(stream.socket().data(), "tok", &routed));
  EXPECT_EQ(routed, std::vector<std::string>{"authorized"});
}

} // namespace
} // namespace control_test
