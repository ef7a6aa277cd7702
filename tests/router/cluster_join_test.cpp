// The head's cluster service in-process: what a join gets.
#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "router/cluster_service.hpp"

namespace {

using namespace router;
using namespace std::chrono_literals;

// A worker's agent as the service sees it: an actor it can monitor.
caf::behavior silent_agent(caf::event_based_actor*) {
  return {[](caf::atom_value) {}};
}

struct cluster_join_test : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  caf::scoped_actor self{system};
  cluster_api service = system.spawn(cluster_service, node_events{},
                                     std::string{"127.0.0.1:0"},
                                     history_limits{}, 0ms);

  ~cluster_join_test() override {
    self->send_exit(service, caf::exit_reason::user_shutdown);
  }

  std::uint32_t join(const std::string& name, const caf::actor& agent) {
    std::uint32_t number = 0;
    self->request(service, 5s, join_atom::value, node_info{name, "", 1, 0}, agent)
      .receive([&](const caf::actor&, std::uint32_t n) { number = n; },
               [](caf::error&) { ADD_FAILURE() << "join failed"; });
    return number;
  }
};

TEST_F(cluster_join_test, ANodeThatJoinsAgainKeepsItsNumberAndTakesNoOther) {
  auto first = system.spawn(silent_agent);
  auto second = system.spawn(silent_agent);
  auto number = join("w1", first);
  EXPECT_NE(number, 0u);
  EXPECT_EQ(join("w1", first), number);
  EXPECT_EQ(join("w1", first), number);
  // Had the repeats been taken as nodes, they would have used up numbers.
  EXPECT_EQ(join("w2", second), number + 1);
  for (auto& agent : {first, second})
    self->send_exit(agent, caf::exit_reason::user_shutdown);
}

} // namespace
