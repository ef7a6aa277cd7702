// A cluster as its users see it: one stream port served by several worker
// processes, one control port on the head that reaches every id on every
// node (single messages and batches), /stats summed over the nodes and listing them.
#include <signal.h>

#include <thread>

#include <gtest/gtest.h>

#include "cluster_fixture.hpp"
#include "control_client.hpp"
#include "run_helpers.hpp"
#include "support/process.hpp"

using namespace cluster_test;
using namespace control_test;
using app_test::counter;

namespace {

constexpr int streams = 30;

} // namespace

TEST(Cluster, EveryWorkerServesAndTheHeadRoutesToEach) {
  cluster c;
  auto clients = open_streams(c.port(), "s", streams);
  ASSERT_TRUE(c.wait_for_ids(streams)) << c.stats().dump();
  auto nodes = c.nodes();
  ASSERT_EQ(nodes.size(), 3u);
  std::int64_t held = 0;
  for (auto& [name, node] : nodes) {
    // 30 streams hashed over 3 listeners: each gets some (p of none ~1e-5).
    EXPECT_GT(node.connections, 0) << name;
    EXPECT_EQ(node.ids, node.connections) << name;
    held += node.connections;
  }
  EXPECT_EQ(held, streams);
  auto s = c.stats();
  EXPECT_EQ(counter(s, "connections"), streams);
  EXPECT_EQ(counter(s, "streams"), streams);
  EXPECT_EQ(counter(s, "logged_in"), streams);
  // Every worker's ticker holds a tick per stream (but for one on its way).
  EXPECT_TRUE(c.head().wait_for_stats(
    [](auto& s) { return counter(s, "ticking") == streams; }, 5s))
    << c.stats().dump();
  EXPECT_EQ(s["nodes"].size(), 4u); // the head and its 3 workers
  EXPECT_EQ(s["nodes"][0]["node"], "head");
  for (auto& n : s["nodes"])
    for (auto key : {"node", "pid", "address", "connections", "ids",
                     "chunks_sent", "up_s", "restarts"})
      EXPECT_TRUE(n.contains(key)) << key << " in " << n.dump();

  // Every id, whichever worker holds it, gets exactly its message.
  for (auto& client : clients)
    EXPECT_EQ(send_to(c.control_port(), client->id(), "to " + client->id()), 1);
  // One batch with two messages for every id: the head cuts it per worker.
  std::vector<std::pair<std::string, std::string>> batch{{"nobody", "lost"}};
  for (auto& client : clients)
    for (auto text : {"b1 ", "b2 "})
      batch.emplace_back(client->id(), text + client->id());
  auto reply = control_call(c.control_port(), "POST", "/send", batch_body(batch));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->delivered(), 2 * streams) << reply->body;
  for (auto& client : clients) {
    auto& id = client->id();
    ASSERT_TRUE(wait_for_routed(*client, "b2 " + id)) << id;
    std::vector<std::string> routed;
    EXPECT_TRUE(counts_without_gap(client->socket().data(), id, &routed));
    EXPECT_EQ(routed, (std::vector<std::string>{"to " + id, "b1 " + id,
                                                "b2 " + id}));
  }
  EXPECT_EQ(send_to(c.control_port(), "nobody", "lost"), 0);
  EXPECT_EQ(broadcast(c.control_port(), "all &"), streams);
  for (auto& client : clients)
    EXPECT_TRUE(wait_for_routed(*client, "all &amp;")) << client->id();
  EXPECT_TRUE(c.head().wait_for_stats(
    [](auto& s) { return counter(s, "messages_routed") == 4 * streams; },
    app_test::patience));
}

TEST(Cluster, AWorkerJoinedByHandOnItsOwnAddressIsRoutedTo) {
  cluster c{{.workers = 1}};
  hand_worker remote{c, "127.0.0.2"};
  app_test::stream_client there{remote.port(), "far", "127.0.0.2"};
  ASSERT_TRUE(there.wait_for_welcome());
  app_test::stream_client here{c.port(), "near"};
  ASSERT_TRUE(here.wait_for_welcome());
  ASSERT_TRUE(c.wait_for_ids(2)) << c.stats().dump();
  auto nodes = c.nodes();
  ASSERT_EQ(nodes.size(), 2u);
  bool listed = false;
  for (auto& [name, node] : nodes)
    listed = listed
             || (node.address == "127.0.0.2:" + std::to_string(remote.port())
                 && node.pid == remote.process().pid() && node.ids == 1);
  EXPECT_TRUE(listed) << c.stats().dump();
  EXPECT_EQ(send_to(c.control_port(), "far", "over there"), 1);
  ASSERT_TRUE(wait_for_routed(there, "over there"));
  EXPECT_TRUE(counts_without_gap(there.socket().data(), "far"));
  EXPECT_EQ(broadcast(c.control_port(), "both"), 2);
  EXPECT_TRUE(wait_for_routed(there, "both"));
  EXPECT_TRUE(wait_for_routed(here, "both"));
}

TEST(Cluster, ThreeWorkersHold45000StreamsFromOneFloodtest) {
  // Past what one process may hold here (20,000 open files). On a busy
  // machine a worker's accept queue may overflow and drop SYNs, which the
  // client sends again after 1, 3, 7, 15 s: the connect timeout allows it.
  constexpr int n = 45000;
  cluster c{{.workers = 3, .tick_interval = "10s"}};
  floodtest_test::temp_file urls{floodtest_test::url_lines(c.port(), n)};
  support::child_process flood{
    support::binary("floodtest"),
    floodtest_test::flood_args(urls, {"--processes=3", "--duration=150s",
                                      "--report-interval=500ms",
                                      "--connect-timeout=30s",
                                      "--sources=127.0.0.1-127.0.0.9"})};
  ASSERT_TRUE(flood.wait_for_output("Stats: {45000,0,", 100s)) << flood.output();
  ASSERT_TRUE(c.wait_for_ids(n, 10s)) << c.stats().dump();
  auto s = c.stats();
  EXPECT_EQ(counter(s, "connections"), n);
  EXPECT_EQ(counter(s, "rejected"), 0);
  for (auto& [name, node] : c.nodes()) {
    EXPECT_GT(node.connections, n / 3 - 2000) << name;
    EXPECT_LT(node.connections, n / 3 + 2000) << name;
  }
  EXPECT_EQ(broadcast(c.control_port(), "to all"), n);
  // Every stream got its welcome and the broadcast (ticks may add more).
  auto received_both = [&] {
    auto last = floodtest_test::last_stats(flood.output());
    return last && last->chunks >= 2u * n;
  };
  for (int i = 0; i < 100 && !received_both(); ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(received_both()) << flood.output();
  flood.signal(SIGTERM);
  ASSERT_EQ(flood.wait_exit(20s), 0) << flood.output();
  auto last = floodtest_test::last_stats(flood.output());
  ASSERT_TRUE(last);
  EXPECT_EQ(last->active, static_cast<std::uint64_t>(n));
  EXPECT_EQ(last->closed, 0u);
}
