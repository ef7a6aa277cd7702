// Resuming across a cluster: the head keeps the history, since it sees every
// message, also those sent while nobody held the id, and a client that
// reconnects lands on whichever worker the kernel picks.
#include <gtest/gtest.h>

#include <string>

#include "cluster_fixture.hpp"
#include "control_client.hpp"
#include "sse_client.hpp"

namespace {

using namespace cluster_test;
using app_test::sse_client;
using control_test::send_to;

TEST(ClusterResume, AClientResumingOnAnyWorkerGetsWhatItMissed) {
  cluster c{{.workers = 2, .tick_interval = "10s"}};
  // The head lists a worker once it joined: its router then knows the head.
  ASSERT_TRUE(c.head().wait_for_stats(
    [](const nlohmann::json& s) { return s["nodes"].size() == 3; }, startup));
  std::string seen = "1";
  // Each round: messages while away, then a reconnection on some worker.
  for (int round = 0; round < 6; ++round) {
    auto away = "away" + std::to_string(round);
    EXPECT_EQ(send_to(c.control_port(), "rover", away), 0) << round;
    sse_client sse{c.port(), "/sse/rover", "Last-Event-ID: " + seen + "\r\n"};
    auto events = sse.wait_for(2);
    ASSERT_EQ(events.size(), 2u) << round;
    EXPECT_EQ(events[1], "id: " + app_test::seq_of(events[1]) + "\ndata: " + away
                           + "\n")
      << round;
    ASSERT_TRUE(c.wait_for_ids(1)) << round;
    EXPECT_EQ(send_to(c.control_port(), "rover", "live"), 1) << round;
    events = sse.wait_for(3);
    ASSERT_EQ(events.size(), 3u) << round;
    EXPECT_NE(events[2].find("\ndata: live\n"), std::string::npos) << round;
    seen = app_test::seq_of(events[2]);
    sse.socket().close();
    ASSERT_TRUE(c.wait_for_ids(0)) << round;
  }
  auto nodes = c.nodes();
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(app_test::counter(c.stats(), "history_ids"), 1);
}

} // namespace
