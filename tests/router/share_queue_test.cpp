// The head's queue of shares for one node: what waits goes together, at most
// one message is on its way, and a control request's count is summed over
// its shares and handed on once, when the last has answered.
#include <gtest/gtest.h>

#include "router/share_queue.hpp"

using router::max_merged_shares;
using router::message_batch;
using router::send_tally;
using router::share_queue;

namespace {

message_batch share_of(std::string id) {
  message_batch out;
  out.ids.push_back(id);
  out.msgs.push_back("to " + id);
  return out;
}

struct counted {
  int calls = 0;
  std::uint64_t reached = 0;
};

std::shared_ptr<send_tally> tally_of(std::size_t shares, counted& into) {
  return std::make_shared<send_tally>(
    send_tally{shares, [&into](std::uint64_t n) {
                 ++into.calls;
                 into.reached = n;
               }});
}

} // namespace

TEST(ShareQueue, WhatWaitsGoesTogetherAndOneMessageIsOnItsWay) {
  share_queue q;
  EXPECT_FALSE(q.ready());
  counted a, b;
  q.push(share_of("x"), tally_of(1, a));
  q.push(share_of("y"), tally_of(1, b));
  ASSERT_TRUE(q.ready());
  auto taken = q.take();
  ASSERT_EQ(taken.shares.size(), 2u);
  EXPECT_EQ(taken.shares[0].ids, std::vector<std::string>{"x"});
  EXPECT_EQ(taken.shares[1].ids, std::vector<std::string>{"y"});
  ASSERT_EQ(taken.tallies.size(), 2u);
  // While it is on its way, what comes waits.
  counted c;
  q.push(share_of("z"), tally_of(1, c));
  EXPECT_FALSE(q.ready());
  q.release();
  EXPECT_TRUE(q.ready());
  taken.tallies[0]->add(3);
  taken.tallies[1]->add(0);
  EXPECT_EQ(a.calls, 1);
  EXPECT_EQ(a.reached, 3u);
  EXPECT_EQ(b.calls, 1);
  EXPECT_EQ(b.reached, 0u);
  EXPECT_EQ(c.calls, 0);
}

TEST(ShareQueue, AHeldQueueWaitsUntilReleased) {
  share_queue q;
  counted a;
  q.push(share_of("x"), tally_of(1, a));
  q.hold();
  EXPECT_FALSE(q.ready());
  q.release();
  EXPECT_TRUE(q.ready());
}

TEST(ShareQueue, AMessageTakesAtMostItsBoundOfShares) {
  share_queue q;
  counted sink;
  auto tally = tally_of(max_merged_shares + 1, sink);
  for (std::size_t i = 0; i <= max_merged_shares; ++i)
    q.push(share_of("id" + std::to_string(i)), tally);
  auto first = q.take();
  EXPECT_EQ(first.shares.size(), max_merged_shares);
  q.release();
  auto second = q.take();
  ASSERT_EQ(second.shares.size(), 1u);
  EXPECT_EQ(second.shares[0].ids[0], "id" + std::to_string(max_merged_shares));
}

TEST(ShareQueue, ARequestIsAnsweredOnceWithTheSumOfItsShares) {
  share_queue one, other;
  counted request;
  auto tally = tally_of(2, request);
  one.push(share_of("x"), tally);
  other.push(share_of("y"), tally);
  one.take().tallies[0]->add(2);
  EXPECT_EQ(request.calls, 0);
  other.take().tallies[0]->add(5);
  EXPECT_EQ(request.calls, 1);
  EXPECT_EQ(request.reached, 7u);
}

TEST(ShareQueue, SharesLeftWhenTheNodeGoesReachNobody) {
  share_queue q;
  counted request;
  auto tally = tally_of(2, request);
  q.push(share_of("x"), tally);
  q.push(share_of("y"), tally);
  q.abandon();
  EXPECT_EQ(request.calls, 1);
  EXPECT_EQ(request.reached, 0u);
  EXPECT_FALSE(q.ready());
}
