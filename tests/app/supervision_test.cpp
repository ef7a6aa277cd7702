// What a server does when an actor every stream depends on (the ticker, the
// router) ends: it stops whole, ending each stream with its last chunk, and
// exits 70 with a line naming the actor, so that its supervisor restarts it.
// The fault is the debug path's kill, which is off unless asked for.
#include <gtest/gtest.h>

#include "control_client.hpp"
#include "server_fixture.hpp"

namespace {

using namespace app_test;
using control_test::control_call;

constexpr int exit_actor_lost = 70;

class LosingAVitalActor : public ::testing::TestWithParam<std::string> {};

TEST_P(LosingAVitalActor, EndsEveryStreamAndTheProcessWithExit70) {
  comet_server server{{.extra = {"--control.debug"}}};
  stream_client first{server.port(), "first"};
  stream_client second{server.port(), "second"};
  ASSERT_TRUE(first.wait_for_tick(1));
  ASSERT_TRUE(second.wait_for_tick(1));
  auto killed = control_call(server.control_port(), "POST",
                             "/debug/kill?actor=" + GetParam());
  ASSERT_TRUE(killed);
  EXPECT_EQ(killed->status(), 202);
  EXPECT_EQ(server.process().wait_exit(5s), exit_actor_lost)
    << server.process().output();
  EXPECT_NE(server.process().output().find("the " + GetParam()
                                           + " ended unexpectedly"),
            std::string::npos)
    << server.process().output();
  for (auto* stream : {&first, &second}) {
    EXPECT_TRUE(stream->socket().read_until_closed(patience)) << stream->id();
    EXPECT_TRUE(stream->well_formed()) << stream->id();
    EXPECT_NE(stream->socket().data().find("\r\n0\r\n\r\n"), std::string::npos)
      << stream->id() << " did not get its last chunk";
  }
}

INSTANTIATE_TEST_SUITE_P(Supervision, LosingAVitalActor,
                         ::testing::Values("ticker", "router"));

TEST(Supervision, TheDebugPathIsOffUnlessAsked) {
  comet_server server;
  stream_client witness{server.port(), "witness"};
  ASSERT_TRUE(witness.wait_for_welcome());
  auto refused = control_call(server.control_port(), "POST",
                              "/debug/kill?actor=ticker");
  ASSERT_TRUE(refused);
  EXPECT_TRUE(refused->is_error(404));
  EXPECT_TRUE(witness.keeps_counting());
}

TEST(Supervision, TheDebugPathNeedsTheTokenAndAKnownActor) {
  comet_server server{{.extra = {"--control.debug", "--control.token=t"}}};
  stream_client witness{server.port(), "witness"};
  ASSERT_TRUE(witness.wait_for_welcome());
  auto anonymous = control_call(server.control_port(), "POST",
                                "/debug/kill?actor=ticker");
  ASSERT_TRUE(anonymous);
  EXPECT_TRUE(anonymous->is_error(401));
  auto unknown = control_call(server.control_port(), "POST",
                              "/debug/kill?actor=nobody", "",
                              "Authorization: Bearer t\r\n");
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(unknown->is_error(404));
  EXPECT_TRUE(witness.keeps_counting());
  EXPECT_FALSE(server.process().wait_exit(100ms));
}

} // namespace
