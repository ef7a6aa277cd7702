// A loop over a range whose elements point to objects far apart in memory
// (one connection's state each): loading each object was a cache miss that
// stalled the loop, a third of a broadcast's time outside the kernel. Asked
// for a few elements ahead, the object is there when the loop reaches it.
#pragma once

#include <iterator>

namespace net {

// How many elements ahead the loop asks for an object's first cache line.
inline constexpr int prefetch_distance = 8;

// Calls f(x) for each x of `range` in order; `address(x)` is the object
// f(x) will use first (a prefetch of null is harmless). f must not add to
// or remove from `range`.
template <class Range, class Address, class F>
void for_each_prefetching(Range& range, Address address, F f) {
  auto ahead = std::begin(range);
  auto end = std::end(range);
  for (int i = 0; i < prefetch_distance && ahead != end; ++i, ++ahead)
    __builtin_prefetch(address(*ahead));
  for (auto& x : range) {
    if (ahead != end)
      __builtin_prefetch(address(*ahead++));
    f(x);
  }
}

} // namespace net
