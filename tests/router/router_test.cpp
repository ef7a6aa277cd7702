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

// A stand-in connection: forwards every routed message (its text and seq)
// to `probe`, and a notice of missed messages as the text "missed".
caf::behavior fake_connection(caf::event_based_actor* self, caf::actor probe) {
  return {
    [=](router_msg_atom, std::uint64_t seq, const std::string& text,
        std::int64_t) {
      self->send(probe, text, seq, self->id());
    },
    [=](missed_atom) {
      self->send(probe, std::string{"missed"}, std::uint64_t{0}, self->id());
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
  router_api router = system.spawn(local_router, history_limits{3, 60s, 1 << 20}, false);

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

  // ids, connections, messages routed.
  std::tuple<std::uint64_t, std::uint64_t, std::uint64_t> stats() {
    std::tuple<std::uint64_t, std::uint64_t, std::uint64_t> out;
    self->request(router, 5s, stats_atom::value)
      .receive([&](std::uint64_t ids, std::uint64_t conns,
                   std::uint64_t routed, std::uint64_t, std::uint64_t,
                   std::uint64_t) { out = {ids, conns, routed}; },
               [](caf::error&) { ADD_FAILURE() << "stats failed"; });
    return out;
  }

  // The text and seq of what one fake connection received.
  std::pair<std::string, std::uint64_t> received_message() {
    std::pair<std::string, std::uint64_t> out;
    self->receive(
      [&](const std::string& x, std::uint64_t seq, caf::actor_id) {
        out = {x, seq};
      },
      caf::after(5s) >> [] { ADD_FAILURE() << "nothing routed"; });
    return out;
  }

  std::string received() {
    return received_message().first;
  }

  // A connection that resumes after `seq`.
  caf::actor resume(const std::string& id, std::uint64_t seq) {
    auto conn = system.spawn(fake_connection, caf::actor{self});
    self->send(router, login_atom::value, id, conn, seq);
    return conn;
  }
};

TEST_F(router_test, send_reaches_every_connection_of_an_id_as_it_is) {
  connect("alice");
  connect("alice");
  connect("bob");
  EXPECT_EQ(send("alice", "<hi & 'you'>"), 2u);
  EXPECT_EQ(received(), "<hi & 'you'>");
  EXPECT_EQ(received(), "<hi & 'you'>");
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

// A client that reconnects first gets what was sent to its id meanwhile,
// in order, then live messages; messages get increasing seqs.
TEST_F(router_test, a_resuming_connection_first_gets_what_it_missed) {
  connect("alice");
  send("alice", "one");
  auto first = received_message();
  EXPECT_EQ(send("alice", "two"), 1u);
  auto second = received_message();
  EXPECT_EQ(send("nobody-yet", "kept"), 0u);
  EXPECT_GT(second.second, first.second);
  resume("alice", first.second);
  EXPECT_EQ(received_message(), second);
  resume("nobody-yet", 0);
  EXPECT_EQ(received(), "kept");
  EXPECT_EQ(send("alice", "three"), 2u); // both of alice's, live
}

// The history keeps 3 messages per id here: a client that missed more is
// told so before it gets the 3 that are left.
TEST_F(router_test, a_gap_larger_than_the_history_is_announced) {
  std::vector<std::uint64_t> seqs;
  auto conn = connect("carol");
  for (auto text : {"1", "2", "3", "4", "5"}) {
    send("carol", text);
    seqs.push_back(received_message().second);
  }
  resume("carol", seqs[0]);
  EXPECT_EQ(received(), "missed");
  EXPECT_EQ(received(), "3");
  EXPECT_EQ(received(), "4");
  EXPECT_EQ(received(), "5");
  resume("carol", seqs[1]);
  EXPECT_EQ(received(), "3");
  self->send(conn, caf::atom("quit"));
}

} // namespace
