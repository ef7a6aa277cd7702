// The [cluster] options: auto sizing and the values that are refused.
#include <gtest/gtest.h>

#include "cluster_fixture.hpp"
#include "support/process.hpp"
#include "support/sanitizer.hpp"

using namespace cluster_test;

namespace {

// caf-comet with `args` must exit with `code` and say `why`.
void expect_exit(std::vector<std::string> args, int code, const std::string& why) {
  support::child_process p{support::binary("caf-comet"), std::move(args)};
  EXPECT_EQ(p.wait_exit(app_test::patience), code) << p.output();
  EXPECT_NE(p.output().find(why), std::string::npos) << p.output();
}

} // namespace

TEST(ClusterConfig, AutoStartsEnoughWorkersForMaxConnections) {
  // One process holds ~19,930 here; filled to 90 %: 30,000 need 2.
  cluster c{{.workers = 0,
             .extra = {"--cluster.workers=auto",
                       "--server.max-connections=30000"}}};
  EXPECT_EQ(c.nodes().size(), 2u) << c.stats().dump();
}

// Many workers starting at once on two cores connect slowly; none may have
// its connect to the node port closed by its own heartbeat while it waits
// for the head's answer (see app/distribution.cpp).
TEST(ClusterConfig, WorkersStartingTogetherEachJoinAtTheFirstTry) {
  SKIP_UNDER_SANITIZER("56 instrumented workers take longer than the "
                       "cluster's start-up allows on two cores");
  constexpr int workers = 56;
  cluster c{{.workers = workers}};
  EXPECT_EQ(c.nodes().size(), std::size_t{workers}) << c.stats().dump();
  auto output = c.head().process().output();
  EXPECT_EQ(output.find("connection_timeout"), std::string::npos) << output;
}

TEST(ClusterConfig, BadValuesAreUsageErrors) {
  auto port = "--control.port=" + std::to_string(support::free_port());
  expect_exit({port, "--cluster.workers=many"}, 2,
              "cluster.workers must be a number or auto");
  expect_exit({port, "--cluster.join=nohost"}, 2, "cluster.join must be HOST:PORT");
  expect_exit({port, "--cluster.join=127.0.0.1:8002", "--cluster.workers=2"}, 2,
              "exclude each other");
  for (auto linger : {"-1ms", "2s"})
    expect_exit({port, "--cluster.workers=1",
                 std::string{"--cluster.send-linger="} + linger},
                2, "cluster.send-linger must be 0s to 1s");
}

TEST(ClusterConfig, AStreamPortHeldByAnotherServerStopsTheHeadWithExitOne) {
  app_test::comet_server other;
  expect_exit({"--server.address=127.0.0.1",
               "--server.port=" + std::to_string(other.port()),
               "--control.port=" + std::to_string(support::free_port()),
               "--cluster.node-port=" + std::to_string(support::free_port()),
               "--cluster.workers=2"},
              1, "cannot listen on 127.0.0.1:" + std::to_string(other.port()));
}
