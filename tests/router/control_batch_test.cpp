// POST /send with a batch, {"messages": [{"id": .., "msg": ..}, ..]}, against
// the real binary: each message reaches its id's streams with exact bytes and
// in order, `delivered` is the sum, and a batch over a bound or with one bad
// message is refused whole (413 or 400) with nothing routed.
#include <gtest/gtest.h>

#include "control_client.hpp"
#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace control_test {
namespace {

using namespace app_test;
using batch = std::vector<std::pair<std::string, std::string>>;

std::int64_t messages_routed(const comet_server& server) {
  return counter(server.stats(), "messages_routed");
}

TEST(ControlBatch, EachMessageReachesItsIdInOrderAndDeliveredIsTheSum) {
  comet_server server;
  stream_client alice1{server.port(), "alice"};
  stream_client alice2{server.port(), "alice"};
  stream_client bob{server.port(), "bob"};
  for (auto* s : {&alice1, &alice2, &bob})
    ASSERT_TRUE(s->wait_for_welcome()) << s->socket().data();
  ASSERT_TRUE(logged_in(server, 2, 3));

  auto reply = control_call(server.control_port(), "POST", "/send",
                            batch_body({{"alice", "a1"},
                                        {"bob", "b1 <&>"},
                                        {"nobody", "lost"},
                                        {"alice", "a2"}}));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status(), 200) << reply->body;
  EXPECT_EQ(reply->delivered(), 5) << reply->body; // 2 + 1 + 0 + 2

  for (auto* s : {&alice1, &alice2}) {
    ASSERT_TRUE(wait_for_routed(*s, "a2")) << s->socket().data();
    ASSERT_TRUE(wait_two_more_ticks(*s)) << s->socket().data();
    std::vector<std::string> routed;
    EXPECT_TRUE(counts_without_gap(s->socket().data(), "alice", &routed));
    EXPECT_EQ(routed, (std::vector<std::string>{"a1", "a2"}));
  }
  ASSERT_TRUE(wait_for_routed(bob, "b1 &lt;&amp;&gt;")) << bob.socket().data();
  ASSERT_TRUE(wait_two_more_ticks(bob)) << bob.socket().data();
  std::vector<std::string> routed;
  EXPECT_TRUE(counts_without_gap(bob.socket().data(), "bob", &routed));
  EXPECT_EQ(routed, std::vector<std::string>{"b1 &lt;&amp;&gt;"});
  EXPECT_EQ(messages_routed(server), 5);
}

TEST(ControlBatch, TheLargestBatchGoesThrough) {
  comet_server server;
  stream_client carol{server.port(), "carol"};
  ASSERT_TRUE(carol.wait_for_welcome());
  ASSERT_TRUE(logged_in(server, 1, 1));
  batch messages;
  for (int i = 0; i < 1000; ++i)
    messages.emplace_back("carol", std::to_string(i));
  auto reply = control_call(server.control_port(), "POST", "/send",
                            batch_body(messages));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->delivered(), 1000) << reply->body;
  ASSERT_TRUE(wait_for_routed(carol, "999")) << carol.socket().data();
  std::vector<std::string> routed;
  EXPECT_TRUE(counts_without_gap(carol.socket().data(), "carol", &routed));
  ASSERT_EQ(routed.size(), 1000u);
  for (int i = 0; i < 1000; ++i)
    EXPECT_EQ(routed[static_cast<std::size_t>(i)], std::to_string(i));
}

class ControlBatchErrors : public witnessed_server_test {
protected:
  std::optional<control_reply> send(const std::string& body) {
    return control_call(server->control_port(), "POST", "/send", body);
  }
};

TEST_F(ControlBatchErrors, AMalformedBatchIs400AndRoutesNothing) {
  auto good = R"({"id":"witness","msg":"never"})";
  const std::vector<std::string> bodies{
    R"({"messages":[]})",
    R"({"messages":{}})",
    R"({"messages":"hi"})",
    R"({"messages":null})",
    std::string{R"({"messages":[)"} + good + R"(,42]})",
    std::string{R"({"messages":[)"} + good + R"(,{"msg":"hi"}]})",
    std::string{R"({"messages":[)"} + good + R"(,{"id":"witness"}]})",
    std::string{R"({"messages":[)"} + good + R"(,{"id":"a b","msg":"hi"}]})",
    std::string{R"({"messages":[)"} + good + R"(,{"id":"x","msg":7}]})",
  };
  for (auto& body : bodies) {
    auto reply = send(body);
    ASSERT_TRUE(reply) << body;
    EXPECT_TRUE(reply->is_error(400)) << body << " -> " << reply->body;
  }
  // The error names the message that was wrong.
  auto reply = send(bodies[6]);
  ASSERT_TRUE(reply);
  EXPECT_NE(reply->body.find("messages[1].msg"), std::string::npos)
    << reply->body;
  EXPECT_EQ(messages_routed(*server), 0);
}

TEST_F(ControlBatchErrors, ABatchOverItsBoundsIs413AndRoutesNothing) {
  batch too_many;
  for (int i = 0; i < 1001; ++i)
    too_many.emplace_back("witness", "x");
  auto reply = send(batch_body(too_many));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(413)) << reply->body;
  // One message over 16 KiB spoils the batch.
  reply = send(batch_body({{"witness", "fine"},
                           {"witness", std::string(16385, 'x')}}));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(413)) << reply->body;
  // The body's own bound holds for batches too.
  batch too_long;
  for (int i = 0; i < 10; ++i)
    too_long.emplace_back("witness", std::string(8000, 'x'));
  reply = send(batch_body(too_long));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->is_error(413)) << reply->body;
  EXPECT_EQ(messages_routed(*server), 0);
}

} // namespace
} // namespace control_test
