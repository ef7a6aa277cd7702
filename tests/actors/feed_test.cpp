// The feed actor and the ticker in-process, with a sink that records what
// the actor writes instead of a socket.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/atoms.hpp"
#include "actors/feed.hpp"
#include "actors/ticker.hpp"
#include "net/atoms.hpp"
#include "net/event_framing.hpp"
#include "router/router.hpp"

namespace {

using namespace std::chrono_literals;

// Records each event as the seed's HTML transport writes it (chunk payloads).
class recording_sink : public net::stream_sink {
public:
  void deliver(const net::stream_event& event) override {
    std::lock_guard guard{mtx_};
    chunks_.push_back(net::frame_event(net::stream_format::html, event));
    kinds_.push_back(event.kind);
    times_.push_back(std::chrono::steady_clock::now());
    cv_.notify_all();
  }

  void finish() override {
    std::lock_guard guard{mtx_};
    finished_ = true;
    cv_.notify_all();
  }

  // Waits until `n` chunks were written; returns them.
  std::vector<std::string> wait_for(size_t n) {
    std::unique_lock guard{mtx_};
    cv_.wait_for(guard, 5s, [&] { return chunks_.size() >= n; });
    return chunks_;
  }

  // When chunk `i` was written.
  std::chrono::steady_clock::time_point time_of(size_t i) {
    std::lock_guard guard{mtx_};
    return times_.at(i);
  }

  net::event_kind kind_of(size_t i) {
    std::lock_guard guard{mtx_};
    return kinds_.at(i);
  }

  bool wait_finished(std::chrono::milliseconds timeout = 5s) {
    std::unique_lock guard{mtx_};
    return cv_.wait_for(guard, timeout, [&] { return finished_; });
  }

private:
  std::mutex mtx_;
  std::condition_variable cv_;
  std::vector<std::string> chunks_;
  std::vector<net::event_kind> kinds_;
  std::vector<std::chrono::steady_clock::time_point> times_;
  bool finished_ = false;
};

// The feeds' tests do not time the ticks.
net::latency_histogram* const no_timing = nullptr;

struct feed_test : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  caf::actor ticker = system.spawn(actors::ticker, caf::timespan{40ms},
                                   no_timing);
  router::router_api router
    = system.spawn(router::local_router, router::history_limits{}, false);
  boost::intrusive_ptr<recording_sink> sink{new recording_sink};

  ~feed_test() override {
    caf::anon_send_exit(ticker, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(router, caf::exit_reason::user_shutdown);
  }

  caf::actor start(const std::string& id) {
    return actors::spawn_feed(system, sink, {id, std::nullopt}, ticker, router);
  }
};

TEST_F(feed_test, writes_the_welcome_then_one_chunk_per_tick) {
  auto feed = start("foo");
  auto chunks = sink->wait_for(4);
  ASSERT_GE(chunks.size(), 4u);
  EXPECT_EQ(chunks[0], "Mochiconntest welcomes you! Your Id: foo\n");
  EXPECT_EQ(chunks[1], "Chunk 1 for id foo\n");
  EXPECT_EQ(chunks[2], "Chunk 2 for id foo\n");
  EXPECT_EQ(chunks[3], "Chunk 3 for id foo\n");
  caf::anon_send(feed, net::closed_atom::value);
}

TEST_F(feed_test, a_routed_message_counts_n_without_gaps) {
  auto feed = start("foo");
  sink->wait_for(2); // welcome, Chunk 1
  caf::anon_send(feed, router::router_msg_atom::value, std::uint64_t{0},
                 std::string{"hi"}, std::int64_t{0});
  auto chunks = sink->wait_for(5);
  ASSERT_GE(chunks.size(), 5u);
  EXPECT_EQ(chunks[2], "Recvd msg #2: 'hi'<br/>");
  // The tick that was pending when the message came moves to one interval
  // after it: N goes on from the message, with no chunk skipped or doubled.
  EXPECT_EQ(chunks[3], "Chunk 3 for id foo\n");
  EXPECT_EQ(chunks[4], "Chunk 4 for id foo\n");
  caf::anon_send(feed, net::closed_atom::value);
}

// Erlang's `receive ... after`: the tick pending when a message came is
// written one interval after the message, not at its old time.
TEST_F(feed_test, the_tick_after_a_routed_message_comes_one_interval_later) {
  constexpr auto interval = 300ms;
  auto slow_ticker = system.spawn(actors::ticker, caf::timespan{interval},
                                  no_timing);
  auto feed = actors::spawn_feed(system, sink, {"foo", std::nullopt},
                                 slow_ticker, router);
  sink->wait_for(2); // welcome, Chunk 1
  std::this_thread::sleep_until(sink->time_of(1) + interval / 3);
  caf::anon_send(feed, router::router_msg_atom::value, std::uint64_t{0},
                 std::string{"hi"}, std::int64_t{0});
  auto chunks = sink->wait_for(4);
  ASSERT_GE(chunks.size(), 4u);
  ASSERT_EQ(chunks[2], "Recvd msg #2: 'hi'<br/>");
  ASSERT_EQ(chunks[3], "Chunk 3 for id foo\n");
  // Not restarted, Chunk 3 would come 2/3 of an interval after the message.
  auto gap = sink->time_of(3) - sink->time_of(2);
  EXPECT_GE(gap, interval - 5ms);
  EXPECT_LT(gap, interval + 150ms);
  caf::anon_send(feed, net::closed_atom::value);
  caf::anon_send_exit(slow_ticker, caf::exit_reason::user_shutdown);
}

TEST_F(feed_test, routed_through_the_router_after_login) {
  auto feed = start("carol");
  sink->wait_for(1);
  caf::scoped_actor self{system};
  std::uint64_t reached = 0;
  // The login is asynchronous: ask until it has arrived.
  for (int i = 0; i < 100 && reached == 0; ++i) {
    self->request(router, 5s, router::send_atom::value, std::string{"carol"},
                  std::string{"<x>"})
      .receive([&](std::uint64_t n) { reached = n; }, [](caf::error&) {});
    if (reached == 0)
      std::this_thread::sleep_for(5ms);
  }
  ASSERT_EQ(reached, 1u);
  bool found = false;
  for (int i = 2; i < 10 && !found; ++i)
    for (auto& chunk : sink->wait_for(static_cast<size_t>(i)))
      found = found || chunk.find("'&lt;x&gt;'<br/>") != std::string::npos;
  EXPECT_TRUE(found);
  caf::anon_send(feed, net::closed_atom::value);
}

TEST_F(feed_test, ends_the_stream_when_killed_but_not_when_the_socket_closed) {
  auto feed = start("foo");
  sink->wait_for(1);
  caf::anon_send_exit(feed, caf::exit_reason::user_shutdown);
  EXPECT_TRUE(sink->wait_finished());

  boost::intrusive_ptr<recording_sink> other_sink{new recording_sink};
  auto other = actors::spawn_feed(system, other_sink, {"bar", std::nullopt},
                                  ticker, router);
  other_sink->wait_for(1);
  caf::scoped_actor self{system};
  self->monitor(other);
  caf::anon_send(other, net::closed_atom::value);
  self->receive([](const caf::down_msg&) {});
  // The actor is gone (down_msg received): finish() would have come by now.
  EXPECT_FALSE(other_sink->wait_finished(100ms));
}

// Messages reach a feed from the ticker, the router and the io threads at
// once; each is handled where it is sent. N must still count without a gap
// or a repeat, in the order the chunks are written.
TEST_F(feed_test, messages_from_many_threads_count_n_in_order) {
  auto feed = start("foo");
  sink->wait_for(1);
  constexpr int threads = 4;
  constexpr int per_thread = 250;
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t)
    senders.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i)
        caf::anon_send(feed, router::router_msg_atom::value, std::uint64_t{0},
                 std::string{"x"}, std::int64_t{0});
    });
  for (auto& t : senders)
    t.join();
  auto chunks = sink->wait_for(1 + threads * per_thread);
  ASSERT_GE(chunks.size(), size_t{1 + threads * per_thread});
  for (size_t i = 1; i < chunks.size(); ++i) {
    auto n = std::to_string(i);
    EXPECT_TRUE(chunks[i] == "Recvd msg #" + n + ": 'x'<br/>"
                || chunks[i] == "Chunk " + n + " for id foo\n")
      << "chunk " << i << ": " << chunks[i];
  }
  caf::anon_send(feed, net::closed_atom::value);
}

TEST_F(feed_test, a_request_it_does_not_know_gets_an_error) {
  auto feed = start("foo");
  caf::scoped_actor self{system};
  caf::error error;
  self->request(feed, 5s, caf::atom("hello"))
    .receive([](caf::atom_value) { ADD_FAILURE() << "answered"; },
             [&](caf::error& err) { error = std::move(err); });
  EXPECT_TRUE(error == caf::sec::unexpected_message) << caf::to_string(error);
  caf::anon_send(feed, net::closed_atom::value);
}

} // namespace
