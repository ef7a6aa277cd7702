// GET /metrics of a cluster's head: the service's figures summed over the
// nodes (histograms bucket-wise), each node's own under a node label, and
// counters that do not go down when a worker dies.
#include <signal.h>

#include <thread>

#include <gtest/gtest.h>

#include "cluster_fixture.hpp"
#include "metrics_client.hpp"

namespace cluster_test {
namespace {

using app_test::counter;
using control_test::get_metrics;
using control_test::scrape;

constexpr int streams = 6;

scrape metrics_of(const cluster& c) {
  auto m = get_metrics(c.control_port());
  if (!m || m->reply.status() != 200)
    throw std::runtime_error("no /metrics from the head");
  return *m;
}

TEST(ClusterMetrics, SumsTheNodesAndLabelsEachNode) {
  cluster c{{.workers = 2}};
  auto clients = open_streams(c.port(), "m", streams);
  ASSERT_TRUE(c.wait_for_ids(streams)) << c.stats().dump();
  for (auto& client : clients)
    ASSERT_TRUE(client->wait_for_tick(2)) << client->socket().data();

  auto m = metrics_of(c);
  EXPECT_EQ(m.value("caf_comet_connections"), streams) << m.reply.body;
  EXPECT_EQ(m.value("caf_comet_nodes"), 3); // the head and two workers
  EXPECT_EQ(m.value("caf_comet_directory_ids"), streams);
  EXPECT_EQ(m.value("caf_comet_refused_joins_total"), 0);
  EXPECT_EQ(m.types.at("caf_comet_node_connections"), "gauge");
  EXPECT_EQ(m.types.at("caf_comet_node_tick_lateness_seconds"), "histogram");
  EXPECT_EQ(m.value(R"(caf_comet_node_connections{node="head"})"), 0);
  EXPECT_EQ(m.sum("caf_comet_node_connections"), streams);
  EXPECT_GT(m.value(R"(caf_comet_node_connections{node="w1"})").value_or(0), 0);
  EXPECT_GT(m.value(R"(caf_comet_node_connections{node="w2"})").value_or(0), 0);
  EXPECT_EQ(m.sum("caf_comet_node_chunks_sent_total"),
            m.value("caf_comet_chunks_sent_total"));
  // Histograms add up bucket by bucket.
  for (auto le : {"0.001", "0.01", "0.1", "+Inf"}) {
    std::string bucket = std::string{"le=\""} + le + "\"";
    EXPECT_EQ(m.sum("caf_comet_node_tick_lateness_seconds_bucket", bucket),
              m.sum("caf_comet_tick_lateness_seconds_bucket", bucket))
      << le;
  }
  EXPECT_GE(m.value("caf_comet_tick_lateness_seconds_count").value_or(0),
            2 * streams);

  // A worker dies: its streams end, the totals of counters stay.
  auto before = metrics_of(c);
  auto chunks_before = before.value("caf_comet_chunks_sent_total").value_or(0);
  auto victim = c.nodes().at("w1");
  ASSERT_EQ(kill(victim.pid, SIGKILL), 0);
  ASSERT_TRUE(c.head().wait_for_stats(
    [&](const nlohmann::json& s) {
      return counter(s, "connections") == streams - victim.connections;
    },
    5s))
    << c.stats().dump();
  auto after = metrics_of(c);
  EXPECT_GE(after.value("caf_comet_chunks_sent_total").value_or(0),
            chunks_before)
    << "a counter went down when a worker died";
  // What the total holds beyond the live nodes is the departed worker's.
  auto departed = after.value("caf_comet_chunks_sent_total").value_or(0)
                  - after.sum("caf_comet_node_chunks_sent_total").value_or(0);
  EXPECT_GE(departed,
            before.value(R"(caf_comet_node_chunks_sent_total{node="w1"})")
              .value_or(1e18));
  EXPECT_GE(after.value("caf_comet_tick_lateness_seconds_count").value_or(0),
            before.value("caf_comet_tick_lateness_seconds_count").value_or(0));
}

} // namespace
} // namespace cluster_test
