// Bad input: 400, 408 and 431 on the offending connection only. Every test
// runs beside a witness stream that must count on without a gap, and a new
// stream must work afterwards (see witnessed_server_test).
#include <random>

#include <gtest/gtest.h>

#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace app_test {
namespace {

using BadInput = witnessed_server_test;

TEST_F(BadInput, MalformedRequestLineGets400AndClose) {
  for (const std::string head :
       {"NOT A REQUEST\r\n\r\n", "GET\r\n\r\n", "GET /test/x\r\n\r\n",
        "GET /test/x HTTP/9.9\r\nHost: a\r\n\r\n",
        "GET /test/x HTTP/1.1\r\nno colon here\r\n\r\n"}) {
    // No Connection: close, so the close is the server's decision.
    auto response = exchange_and_close(server->port(), head);
    EXPECT_TRUE(response.starts_with("HTTP/1.1 400 Bad Request\r\n"))
      << head << " -> " << response;
  }
}

TEST_F(BadInput, IncompleteHeadGets408AndCloseAfterRequestTimeout) {
  support::raw_client client{server->port()};
  auto sent = std::chrono::steady_clock::now();
  client.send("GET /test/slow HTTP/1.1\r\nHost: a\r\n");
  ASSERT_TRUE(client.read_until_closed(patience)) << client.data();
  auto waited = std::chrono::steady_clock::now() - sent;
  EXPECT_TRUE(client.data().starts_with("HTTP/1.1 408 Request Timeout\r\n"))
    << client.data();
  // request-timeout is 300 ms: not sooner (it was a valid start), not much later.
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 1500ms);
}

// A connection that never sends a byte is timed out the same way.
TEST_F(BadInput, SilentConnectionGets408AndClose) {
  support::raw_client client{server->port()};
  ASSERT_TRUE(client.read_until_closed(patience)) << client.data();
  EXPECT_TRUE(client.data().starts_with("HTTP/1.1 408 ")) << client.data();
}

// After a response, an idle keep-alive connection is not a bad request: it is
// closed after request-timeout without a 408 and without being counted.
TEST_F(BadInput, IdleKeepAliveConnectionIsClosedQuietly) {
  support::raw_client client{server->port()};
  client.send(request("GET", "/nope"));
  client.read_until("Not Found\n", patience);
  ASSERT_TRUE(client.data().starts_with("HTTP/1.1 404 ")) << client.data();
  auto answered = client.data().size();
  ASSERT_TRUE(client.read_until_closed(patience)) << client.data();
  EXPECT_EQ(client.data().size(), answered) << client.data();
  EXPECT_EQ(counter(server->stats(), "bad_requests"), 0);
}

// Trickling bytes does not reset the clock: the whole head must arrive in time.
TEST_F(BadInput, TricklingHeadGets408) {
  support::raw_client client{server->port()};
  auto start = std::chrono::steady_clock::now();
  client.send("GET /test/trickle HTTP/1.1\r\n");
  for (int i = 0; i < 20 && !client.closed(); ++i) {
    client.send("X-" + std::to_string(i) + ": y\r\n");
    client.read_until_closed(50ms);
  }
  ASSERT_TRUE(client.read_until_closed(patience)) << client.data();
  EXPECT_TRUE(client.data().starts_with("HTTP/1.1 408 ")) << client.data();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST_F(BadInput, HeadOverMaxHeaderBytesGets431) {
  for (std::size_t size : {1100u, 2000u, 20000u}) {
    auto head = request("GET", "/test/big",
                        "X-Big: " + std::string(size, 'a') + "\r\n");
    auto response = exchange_and_close(server->port(), head);
    EXPECT_TRUE(
      response.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
      << size << " bytes -> " << response;
  }
}

// The limit is 1024 bytes of head: one of ~900 bytes is served.
TEST_F(BadInput, HeadUnderMaxHeaderBytesIsServed) {
  support::raw_client client{server->port()};
  client.send(request("GET", "/test/fits",
                      "X-Filler: " + std::string(850, 'a') + "\r\n"));
  auto& data = client.read_until(tick_text(1, "fits"), patience);
  EXPECT_EQ(status_of(data), 200) << data;
}

// Whatever arrives, the server answers 4xx, closes, and goes on serving.
TEST_F(BadInput, ArbitraryBytesAreAnsweredOrClosed) {
  std::mt19937 random{42};
  std::vector<std::string> inputs{
    std::string("\0\0\0\0\r\n\r\n", 8),
    "\r\n\r\n\r\n\r\n",
    "GET /test/x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
    "POST /test/x HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\n\r\n",
    "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    "GET /test/" + std::string(5000, '%') + " HTTP/1.1\r\n\r\n",
  };
  for (int i = 0; i < 20; ++i) {
    std::string noise(1 + random() % 3000, '\0');
    for (auto& c : noise)
      c = static_cast<char>(random());
    inputs.push_back(noise + "\r\n\r\n");
  }
  for (auto& input : inputs) {
    support::raw_client client{server->port()};
    client.send(input);
    EXPECT_TRUE(client.read_until_closed(patience))
      << "connection left open after " << input.size() << " bytes";
    auto status = status_of(client.data());
    EXPECT_TRUE(status >= 400 && status < 500) << client.data();
  }
  EXPECT_FALSE(server->process().wait_exit(0ms)) << server->process().output();
}

} // namespace
} // namespace app_test
