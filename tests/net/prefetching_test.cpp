#include <gtest/gtest.h>

#include <deque>
#include <list>
#include <vector>

#include "net/prefetching.hpp"

namespace {

// What the loop saw of `range`, in order.
template <class Range>
std::vector<int> visited(Range& range) {
  std::vector<int> seen;
  net::for_each_prefetching(
    range, [](const int& x) { return &x; },
    [&](int& x) { seen.push_back(x); });
  return seen;
}

std::vector<int> one_to(int n) {
  std::vector<int> out;
  for (int i = 1; i <= n; ++i)
    out.push_back(i);
  return out;
}

} // namespace

TEST(prefetching, visits_every_element_once_in_order) {
  for (int n : {0, 1, net::prefetch_distance - 1, net::prefetch_distance,
                net::prefetch_distance + 1, 1000}) {
    auto expected = one_to(n);
    std::deque<int> d(expected.begin(), expected.end());
    std::list<int> l(expected.begin(), expected.end());
    EXPECT_EQ(visited(d), expected) << n << " elements in a deque";
    EXPECT_EQ(visited(l), expected) << n << " elements in a list";
  }
}

TEST(prefetching, a_null_address_is_harmless) {
  std::vector<int*> pointers(20, nullptr);
  int calls = 0;
  net::for_each_prefetching(
    pointers, [](int* p) { return p; }, [&](int*) { ++calls; });
  EXPECT_EQ(calls, 20);
}
