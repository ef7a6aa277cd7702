// What each request gets: the specified status codes, Id validation, HEAD and
// keep-alive for responses that are not streams.
#include <gtest/gtest.h>

#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace app_test {
namespace {

class Routing : public ::testing::Test {
protected:
  // The status of the response to one request on its own connection.
  int status_for(std::string_view method, std::string_view target) {
    return status_of(exchange_and_close(server.port(),
                                        last_request(method, target)));
  }

  comet_server server;
};

TEST_F(Routing, OtherPathsAre404) {
  for (auto target : {"/test", "/testx/foo", "/other/foo", "/TEST/foo"})
    EXPECT_EQ(status_for("GET", target), 404) << target;
  auto response = exchange_and_close(server.port(), last_request("GET", "/x"));
  EXPECT_TRUE(response.starts_with("HTTP/1.1 404 Not Found\r\n")) << response;
}

// As the seed: POST is not a method the server refuses, it finds nothing.
TEST_F(Routing, PostIs404) {
  auto response = exchange_and_close(
    server.port(), request("POST", "/test/foo",
                           "Content-Length: 0\r\nConnection: close\r\n"));
  EXPECT_TRUE(response.starts_with("HTTP/1.1 404 Not Found\r\n")) << response;
}

TEST_F(Routing, OtherMethodsAre501) {
  for (auto method : {"PUT", "DELETE", "OPTIONS", "PATCH"}) {
    auto response = exchange_and_close(server.port(),
                                       last_request(method, "/test/foo"));
    EXPECT_TRUE(response.starts_with("HTTP/1.1 501 Not Implemented\r\n"))
      << method << ": " << response;
  }
}

// The Id is echoed into an HTML stream: nothing outside [A-Za-z0-9._~-]{1,64}.
TEST_F(Routing, InvalidIdsAre400) {
  for (const auto& target : std::vector<std::string>{
       "/test/", "/test/a%3Cb", "/test/a/b", "/test/" + std::string(65, 'a'),
        "/test/%3Cscript%3E", "/test/a%2", "/test/a%zzb", "/test/a%00b",
        "/test/a%2Fb", "/test/a+b", "/test/%C3%A9"}) {
    auto response = exchange_and_close(server.port(),
                                       last_request("GET", target));
    EXPECT_TRUE(response.starts_with("HTTP/1.1 400 Bad Request\r\n"))
      << target << ": " << response;
  }
}

TEST_F(Routing, LongestIdOfEveryAllowedCharacterStreams) {
  std::string id;
  while (id.size() < 64)
    id += "Az09._~-";
  ASSERT_EQ(id.size(), 64u);
  stream_client client{server.port(), id};
  ASSERT_TRUE(client.wait_for_tick(1)) << client.socket().data();
  EXPECT_TRUE(client.well_formed());
}

TEST_F(Routing, PercentEncodedIdIsDecoded) {
  support::raw_client client{server.port()};
  client.send(request("GET", "/test/a%2Db%7e"));
  auto& data = client.read_until(tick_text(1, "a-b~"), patience);
  auto head = parse_head(data);
  ASSERT_TRUE(head) << data;
  EXPECT_EQ(head->status(), 200);
  EXPECT_TRUE(data.substr(head->size).starts_with(
    frame(welcome_text("a-b~")) + frame(tick_text(1, "a-b~"))))
    << data;
}

// HEAD: the stream's status and headers, no body, and the connection stays
// open for the next request.
TEST_F(Routing, HeadHasTheStreamHeadersNoBodyAndKeepsAlive) {
  stream_client get{server.port(), "x"};
  ASSERT_TRUE(get.wait_for_welcome());
  auto get_head = parse_head(get.socket().data());

  support::raw_client client{server.port()};
  client.send(request("HEAD", "/test/x"));
  client.read_until("\r\n\r\n", patience);
  client.send(last_request("GET", "/nope"));
  ASSERT_TRUE(client.read_until_closed(patience)) << client.data();

  auto& data = client.data();
  auto head = parse_head(data);
  ASSERT_TRUE(head) << data;
  EXPECT_EQ(head->status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(head->fields, get_head->fields);
  // Straight after the head comes the answer to the second request.
  auto rest = split_responses(std::string_view{data}.substr(head->size));
  ASSERT_EQ(rest.size(), 1u) << data;
  EXPECT_EQ(rest[0].head.status(), 404);
}

TEST_F(Routing, HeadOfOtherPathIs404WithoutBody) {
  auto response = exchange_and_close(server.port(), last_request("HEAD", "/x"));
  auto head = parse_head(response);
  ASSERT_TRUE(head) << response;
  EXPECT_EQ(head->status(), 404);
  EXPECT_EQ(response.size(), head->size) << response;
}

TEST_F(Routing, KeepAliveAnswersTwoRequestsOnOneConnection) {
  support::raw_client client{server.port()};
  client.send(request("GET", "/first"));
  client.read_until("\r\n\r\n", patience);
  client.send(last_request("GET", "/second"));
  ASSERT_TRUE(client.read_until_closed(patience)) << client.data();

  std::size_t used = 0;
  auto responses = split_responses(client.data(), &used);
  ASSERT_EQ(responses.size(), 2u) << client.data();
  EXPECT_EQ(used, client.data().size()) << "bytes after the responses";
  EXPECT_EQ(responses[0].head.status(), 404);
  EXPECT_FALSE(responses[0].head.field("Connection")) << "closed too early";
  EXPECT_EQ(responses[1].head.status(), 404);
  EXPECT_EQ(responses[1].head.field("Connection"), "close");
}

// Pipelined requests are answered in order, then the stream starts.
TEST_F(Routing, PipelinedRequestsBeforeAStreamAreAnswered) {
  support::raw_client client{server.port()};
  client.send(request("GET", "/a") + request("DELETE", "/b")
              + request("GET", "/test/piped"));
  auto& data = client.read_until(tick_text(1, "piped"), patience);
  std::size_t used = 0;
  auto responses = split_responses(data, &used);
  ASSERT_GE(responses.size(), 2u) << data;
  EXPECT_EQ(responses[0].head.status(), 404);
  EXPECT_EQ(responses[1].head.status(), 501);
  auto stream = std::string_view{data}.substr(used);
  EXPECT_TRUE(stream.starts_with("HTTP/1.1 200 OK\r\n")) << data;
  EXPECT_NE(stream.find(frame(tick_text(1, "piped"))), std::string::npos);
}

} // namespace
} // namespace app_test
