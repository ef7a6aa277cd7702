// The shared ticker on its own: actors ask it for ticks with explicit times,
// as feed actors do, and time what comes back.
#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/atoms.hpp"
#include "actors/ticker.hpp"

namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

struct ticker_test : ::testing::Test {
  net::latency_histogram lateness; // outlives the system, which awaits the ticker
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  caf::actor ticker = system.spawn(actors::ticker, caf::timespan{1s}, &lateness);

  ~ticker_test() override {
    caf::anon_send_exit(ticker, caf::exit_reason::user_shutdown);
  }

  // Asks for a tick one interval after `after`.
  void schedule(caf::scoped_actor& self, clock::time_point after) {
    self->send(ticker, actors::schedule_atom::value,
               actors::message_time(after));
  }

  // The due time of the next tick `self` receives, or nullopt after `timeout`.
  std::optional<clock::time_point> next_tick(caf::scoped_actor& self,
                                             caf::timespan timeout) {
    std::optional<clock::time_point> due;
    self->receive(
      [&](actors::tick_atom, std::int64_t at) {
        due = actors::from_message_time(at);
      },
      caf::after(timeout) >> [] {});
    return due;
  }
};

// A stream whose interval was restarted by a message asks for a tick due
// sooner than one already pending: it must not wait behind it.
TEST_F(ticker_test, a_tick_due_sooner_than_the_pending_one_comes_on_time) {
  caf::scoped_actor later{system};
  caf::scoped_actor sooner{system};
  auto now = clock::now();
  schedule(later, now);               // due in 1 s
  schedule(sooner, now - 1s + 100ms); // due in 100 ms
  auto due = next_tick(sooner, 800ms);
  ASSERT_TRUE(due) << "the sooner tick waited behind the later one";
  EXPECT_LT(clock::now() - now, 800ms);
  auto later_due = next_tick(later, 2s);
  ASSERT_TRUE(later_due);
  EXPECT_GE(clock::now(), now + 1s);
  EXPECT_LT(*due, *later_due);
}

TEST_F(ticker_test, each_tick_is_due_one_interval_after_the_time_asked) {
  std::vector<std::unique_ptr<caf::scoped_actor>> actors;
  auto now = clock::now();
  const std::vector<std::chrono::milliseconds> in{500ms, 200ms, 400ms, 100ms};
  for (auto ms : in) {
    actors.push_back(std::make_unique<caf::scoped_actor>(system));
    schedule(*actors.back(), now - 1s + ms);
  }
  // Waited for in due order, each arrives near its own due time: none waits
  // behind one asked for earlier but due later.
  for (size_t i : {3, 1, 2, 0}) {
    auto due = next_tick(*actors[i], 2s);
    ASSERT_TRUE(due) << i;
    EXPECT_EQ(*due, now + in[i]);
    EXPECT_GE(clock::now(), *due) << "a tick came before it was due";
    EXPECT_LT(clock::now(), *due + 150ms) << "the tick due at " << in[i].count()
                                          << " ms came late";
  }
}

// Each tick sent is timed against its due time.
TEST_F(ticker_test, each_tick_sent_is_timed_in_the_lateness_histogram) {
  caf::scoped_actor a{system};
  caf::scoped_actor b{system};
  auto now = clock::now();
  schedule(a, now - 1s + 50ms);
  schedule(b, now - 1s + 60ms);
  ASSERT_TRUE(next_tick(a, 2s));
  ASSERT_TRUE(next_tick(b, 2s));
  auto seen = lateness.snapshot();
  EXPECT_EQ(seen.count(), 2u);
  EXPECT_LT(seen.sum_ns, std::uint64_t{2'000'000'000}) << "late by seconds";
}

} // namespace
