// A cluster's faults, each with real processes on loopback: a worker killed,
// the head killed and started again, a worker gone silent, SIGTERM to the
// head, a wrong cookie and garbage at the node port.
#include <signal.h>

#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include "cluster_fixture.hpp"
#include "control_client.hpp"
#include "support/client.hpp"

using namespace cluster_test;
using namespace control_test;
using app_test::counter;
using app_test::stream_client;

namespace {

constexpr int streams = 24;

bool alive(pid_t pid) {
  return kill(pid, 0) == 0;
}

// Polls `done` every 20 ms; false after `timeout`.
template <class Pred>
bool eventually(Pred done, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

} // namespace

TEST(ClusterFaults, AKilledWorkersStreamsEndTheOthersGoOnAndItIsRestarted) {
  cluster c;
  auto clients = open_streams(c.port(), "k", streams);
  ASSERT_TRUE(c.wait_for_ids(streams));
  auto before = c.nodes();
  auto victim = before.at("w1");
  ASSERT_GT(victim.connections, 0);
  ASSERT_EQ(kill(victim.pid, SIGKILL), 0);
  auto killed_at = std::chrono::steady_clock::now();
  // Within 2 s the head no longer lists it nor holds its ids.
  EXPECT_TRUE(eventually(
    [&] {
      auto now = c.nodes();
      return (now.count("w1") == 0 || now.at("w1").pid != victim.pid)
             && counter(c.stats(), "ids") == streams - victim.connections;
    },
    2s));
  EXPECT_LT(std::chrono::steady_clock::now() - killed_at, 2500ms);
  int ended = 0;
  for (auto& client : clients) {
    if (client->socket().read_until_closed(200ms)) {
      ++ended;
      continue;
    }
    EXPECT_TRUE(client->keeps_counting()) << client->id();
  }
  EXPECT_EQ(ended, victim.connections);
  // Restarted with a new pid, counted, and taking connections again.
  ASSERT_TRUE(eventually(
    [&] {
      auto now = c.nodes();
      return now.count("w1") && now.at("w1").pid != victim.pid
             && now.at("w1").restarts == 1;
    },
    5s))
    << c.stats().dump();
  auto fresh = open_streams(c.port(), "again", streams);
  ASSERT_TRUE(c.wait_for_ids(2 * streams - victim.connections));
  EXPECT_GT(c.nodes().at("w1").connections, 0);
}

TEST(ClusterFaults, AKilledHeadLeavesStreamsAloneAndANewHeadAdoptsTheWorkers) {
  cluster_options options;
  options.port = support::free_port();
  options.control_port = support::free_port();
  options.node_port = support::free_port();
  auto c = std::make_unique<cluster>(options);
  auto clients = open_streams(c->port(), "h", streams);
  ASSERT_TRUE(c->wait_for_ids(streams));
  auto workers = c->nodes();
  c->head().process().signal(SIGKILL);
  ASSERT_TRUE(c->head().process().wait_exit(app_test::patience));
  // Meanwhile: streams go on, the control port is closed.
  for (auto& client : clients)
    EXPECT_TRUE(client->keeps_counting()) << client->id();
  EXPECT_FALSE(support::wait_for_port(options.control_port, 200ms));
  c = std::make_unique<cluster>(options);
  auto back = std::chrono::steady_clock::now();
  EXPECT_TRUE(c->wait_for_ids(streams, 5s)) << c->stats().dump();
  EXPECT_LT(std::chrono::steady_clock::now() - back, 5s);
  auto adopted = c->nodes();
  ASSERT_EQ(adopted.size(), workers.size());
  for (auto& [name, node] : workers)
    EXPECT_EQ(adopted.at(name).pid, node.pid) << name;
  for (auto& client : clients)
    EXPECT_EQ(send_to(options.control_port, client->id(), "back"), 1);
  for (auto& client : clients) {
    EXPECT_TRUE(wait_for_routed(*client, "back")) << client->id();
    EXPECT_TRUE(counts_without_gap(client->socket().data(), client->id()));
  }
}

TEST(ClusterFaults, AWorkerGoneSilentIsDroppedAndTheOthersGoOn) {
  cluster c{{.workers = 1}};
  hand_worker remote{c, "127.0.0.3"};
  stream_client there{remote.port(), "silent", "127.0.0.3"};
  stream_client here{c.port(), "loud"};
  ASSERT_TRUE(there.wait_for_welcome());
  ASSERT_TRUE(here.wait_for_welcome());
  ASSERT_TRUE(c.wait_for_ids(2));
  // A stopped process answers no heartbeat, as a host whose network went away.
  remote.process().signal(SIGSTOP);
  EXPECT_TRUE(eventually([&] { return c.nodes().size() == 1; }, 15s))
    << c.stats().dump();
  EXPECT_EQ(counter(c.stats(), "ids"), 1);
  EXPECT_EQ(send_to(c.control_port(), "silent", "nobody home"), 0);
  EXPECT_TRUE(here.keeps_counting());
  // Back on the network, it joins again and is routed to.
  remote.process().signal(SIGCONT);
  EXPECT_TRUE(c.wait_for_ids(2, 8s)) << c.stats().dump();
  EXPECT_EQ(send_to(c.control_port(), "silent", "welcome back"), 1);
  EXPECT_TRUE(wait_for_routed(there, "welcome back"));
}

TEST(ClusterFaults, SigtermToTheHeadEndsEveryStreamAndEveryProcessExitsZero) {
  cluster c;
  auto clients = open_streams(c.port(), "t", streams);
  ASSERT_TRUE(c.wait_for_ids(streams));
  auto workers = c.nodes();
  c.head().process().signal(SIGTERM);
  auto stopped_at = std::chrono::steady_clock::now();
  EXPECT_EQ(c.head().process().wait_exit(5s), 0) << c.head().process().output();
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, 5s);
  for (auto& [name, node] : workers)
    EXPECT_FALSE(alive(node.pid)) << name;
  for (auto& client : clients) {
    EXPECT_TRUE(client->socket().read_until_closed(app_test::patience));
    EXPECT_TRUE(client->socket().data().ends_with("\r\n0\r\n\r\n")) << client->id();
    EXPECT_TRUE(client->well_formed()) << client->id();
  }
}

TEST(ClusterFaults, AWrongCookieIsRefusedAndCountedAndDisturbsNothing) {
  cluster c{{.workers = 1, .extra = {"--cluster.cookie=right"}}};
  stream_client witness{c.port(), "witness"};
  ASSERT_TRUE(witness.wait_for_welcome());
  hand_worker intruder{c, "127.0.0.1", {"--cluster.cookie=wrong"}, false};
  EXPECT_EQ(intruder.process().wait_exit(5s), 2) << intruder.process().output();
  EXPECT_NE(intruder.process().output().find("wrong cookie"), std::string::npos);
  EXPECT_EQ(counter(c.stats(), "refused_joins"), 1);
  EXPECT_EQ(c.nodes().size(), 1u);
  EXPECT_TRUE(witness.keeps_counting());
  hand_worker friend_{c, "127.0.0.1", {"--cluster.cookie=right"}};
  EXPECT_TRUE(eventually([&] { return c.nodes().size() == 2; }, 5s));
}

TEST(ClusterFaults, GarbageAtTheNodePortIsRefusedAndDisturbsNothing) {
  cluster c{{.workers = 2}};
  stream_client witness{c.port(), "witness"};
  ASSERT_TRUE(witness.wait_for_welcome());
  support::raw_client garbage{c.node_port()};
  garbage.send(std::string(4096, '\x7f') + "GET / HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(garbage.read_until_closed(app_test::patience));
  // A header shaped like a handshake but announcing 2 GiB of payload.
  support::raw_client oversized{c.node_port()};
  oversized.send(std::string{"\x01\0\0\0\x7f\xff\xff\xff", 8} + std::string(24, '\0'));
  EXPECT_TRUE(oversized.read_until_closed(app_test::patience));
  EXPECT_TRUE(eventually([&] { return counter(c.stats(), "refused_peers") == 2; }, 5s));
  EXPECT_NE(c.head().process().output().find("node port: refused 127.0.0.1:"),
            std::string::npos);
  EXPECT_EQ(counter(c.stats(), "refused_joins"), 0);
  EXPECT_TRUE(witness.keeps_counting());
  EXPECT_EQ(c.nodes().size(), 2u);
  ASSERT_TRUE(c.wait_for_ids(1));
  EXPECT_EQ(send_to(c.control_port(), "witness", "still here"), 1);
  EXPECT_TRUE(wait_for_routed(witness, "still here"));
}
