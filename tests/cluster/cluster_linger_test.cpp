// A head that gathers the sends bound for each worker (cluster.send-linger):
// a send waits for the linger, and however the requests are gathered, every
// message arrives, in each sender's order, and each request's count is exact.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cluster_fixture.hpp"
#include "control_client.hpp"

using namespace cluster_test;
using namespace control_test;
using namespace std::chrono_literals;

namespace {

constexpr int streams = 10;
constexpr int senders = 4;
constexpr int sends_each = 5;
constexpr auto linger = 300ms;

std::string text_of(int sender, int send, const std::string& id) {
  return "t" + std::to_string(sender) + "-" + std::to_string(send) + " " + id;
}

} // namespace

TEST(ClusterLinger, GatheredSendsArriveInOrderWithExactCounts) {
  cluster c{{.workers = 2,
             .tick_interval = "10s",
             .extra = {"--cluster.send-linger=300ms"}}};
  auto clients = open_streams(c.port(), "g", streams);
  ASSERT_TRUE(c.wait_for_ids(streams)) << c.stats().dump();

  // Alone, a send waits the linger and then arrives.
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(send_to(c.control_port(), clients[0]->id(), "alone"), 1);
  EXPECT_GE(std::chrono::steady_clock::now() - start, linger);

  // Several senders at once, each a batch with one message for every id.
  std::vector<std::vector<std::int64_t>> delivered(senders);
  std::vector<std::thread> threads;
  for (int k = 0; k < senders; ++k)
    threads.emplace_back([&, k] {
      for (int j = 0; j < sends_each; ++j) {
        std::vector<std::pair<std::string, std::string>> batch;
        for (auto& client : clients)
          batch.emplace_back(client->id(), text_of(k, j, client->id()));
        auto reply = control_call(c.control_port(), "POST", "/send",
                                  batch_body(batch));
        delivered[k].push_back(reply ? reply->delivered() : -1);
      }
    });
  for (auto& t : threads)
    t.join();
  for (int k = 0; k < senders; ++k)
    EXPECT_EQ(delivered[k], std::vector<std::int64_t>(sends_each, streams))
      << "sender " << k;

  for (auto& client : clients) {
    auto& id = client->id();
    for (int k = 0; k < senders; ++k)
      ASSERT_TRUE(wait_for_routed(*client, text_of(k, sends_each - 1, id)))
        << id;
    std::vector<std::string> routed;
    EXPECT_TRUE(counts_without_gap(client->socket().data(), id, &routed));
    for (int k = 0; k < senders; ++k) {
      std::vector<std::string> mine, expected;
      for (auto& text : routed)
        if (text.starts_with("t" + std::to_string(k) + "-"))
          mine.push_back(text);
      for (int j = 0; j < sends_each; ++j)
        expected.push_back(text_of(k, j, id));
      EXPECT_EQ(mine, expected) << id;
    }
  }
}
