// The router actor in-process: its tables, bag semantics and monitors.
#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "router/router.hpp"

namespace {

using namespace router;
using namespace std::chrono_literals;

// A stand-in connection: forwards every routed message to `probe`.
caf::behavior fake_connection(caf::event_based_actor* self, caf::actor probe) {
  return {
    [=](router_msg_atom, const std::string& text, std::int64_t) {
      self->send(probe, text, self->id());
    },
    [=](caf::atom_value quit) {
      if (quit == caf::atom("quit"))
        self->quit();
    },
  };
}

struct router_test : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  caf::scoped_actor self{system};
  router_api router = system.spawn(local_router);

  ~router_test() override {
    self->send_exit(router, caf::exit_reason::user_shutdown);
  }

  caf::actor connect(const std::string& id) {
    auto conn = system.spawn(fake_connection, caf::actor{self});
    self->send(router, login_atom::value, id, conn);
    return conn;
  }

  std::uint64_t send(const std::string& id, const std::string& msg) {
    std::uint64_t reached = 0;
    self->request(router, 5s, send_atom::value, id, msg)
      .receive([&](std::uint64_t n) { reached = n; },
               [](caf::error&) { ADD_FAILURE() << "send failed"; });
    return reached;
  }

  std::tuple<std::uint64_t, std::uint64_t, std::uint64_t> stats() {
    std::tuple<std::uint64_t, std::uint64_t, std::uint64_t> out;
    self->request(router, 5s, stats_atom::value)
      .receive([&](std::uint64_t ids, std::uint64_t conns,
                   std::uint64_t routed) { out = {ids, conns, routed}; },
               [](caf::error&) { ADD_FAILURE() << "stats failed"; });
    return out;
  }

  // The text one fake connection received.
  std::string received() {
    std::string text;
    self->receive([&](const std::string& x, caf::actor_id) { text = x; },
                  caf::after(5s) >> [] { ADD_FAILURE() << "nothing routed"; });
    return text;
  }
};

TEST_F(router_test, send_reaches_every_connection_of_an_id_escaped) {
  connect("alice");
  connect("alice");
  connect("bob");
  EXPECT_EQ(send("alice", "<hi & 'you'>"), 2u);
  EXPECT_EQ(received(), "&lt;hi &amp; &#39;you&#39;&gt;");
  EXPECT_EQ(received(), "&lt;hi &amp; &#39;you&#39;&gt;");
  EXPECT_EQ(send("nobody", "x"), 0u);
  EXPECT_EQ(stats(), std::make_tuple(2u, 3u, 2u));
}

TEST_F(router_test, login_is_a_bag_and_broadcast_reaches_each_connection_once) {
  auto conn = connect("alice");
  self->send(router, login_atom::value, std::string{"alice"}, conn);
  self->send(router, login_atom::value, std::string{"carol"}, conn);
  connect("bob");
  EXPECT_EQ(send("alice", "once"), 1u);
  EXPECT_EQ(received(), "once");
  std::uint64_t reached = 0;
  self->request(router, 5s, broadcast_atom::value, std::string{"all"},
                std::int64_t{0})
    .receive([&](std::uint64_t n) { reached = n; }, [](caf::error&) {});
  EXPECT_EQ(reached, 2u);
  EXPECT_EQ(std::get<0>(stats()), 3u);
  EXPECT_EQ(std::get<1>(stats()), 2u);
}

TEST_F(router_test, a_connection_that_ends_is_logged_out) {
  auto conn = connect("alice");
  connect("bob");
  self->send(conn, caf::atom("quit"));
  // The router learns of the exit through its monitor.
  for (int i = 0; i < 200 && std::get<1>(stats()) != 1u; ++i)
    std::this_thread::sleep_for(5ms);
  EXPECT_EQ(stats(), std::make_tuple(1u, 1u, 0u));
  EXPECT_EQ(send("alice", "gone"), 0u);
}

TEST_F(router_test, logout_forgets_every_id_of_a_connection) {
  auto conn = connect("alice");
  self->send(router, login_atom::value, std::string{"carol"}, conn);
  self->send(router, logout_atom::value, conn);
  EXPECT_EQ(stats(), std::make_tuple(0u, 0u, 0u));
  self->send(conn, caf::atom("quit"));
}

} // namespace
