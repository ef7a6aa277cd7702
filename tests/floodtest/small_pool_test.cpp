#include "small_pool.hpp"

#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include <gtest/gtest.h>

using namespace floodtest;

TEST(floodtest_small_pool, slots_of_a_size_are_reused_last_freed_first) {
  small_pool pool;
  auto* a = pool.allocate(96);
  auto* b = pool.allocate(96);
  EXPECT_NE(a, b);
  pool.deallocate(a, 96);
  EXPECT_EQ(pool.allocate(90), a) << "90 and 96 bytes share a size class";
  pool.deallocate(b, 96);
  EXPECT_NE(pool.allocate(104), b) << "104 bytes is the next class";
}

TEST(floodtest_small_pool, slots_are_aligned_distinct_and_hold_their_bytes) {
  small_pool pool;
  std::vector<void*> slots;
  std::set<std::uintptr_t> seen;
  // More than one block's worth, of mixed sizes.
  for (int i = 0; i < 3000; ++i) {
    auto bytes = static_cast<std::size_t>(8 + (i % 7) * 16);
    auto* p = pool.allocate(bytes);
    std::memset(p, i & 0xff, bytes);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % small_pool::granule, 0u);
    EXPECT_TRUE(seen.insert(reinterpret_cast<std::uintptr_t>(p)).second);
    slots.push_back(p);
  }
  for (int i = 0; i < 3000; ++i) {
    auto bytes = static_cast<std::size_t>(8 + (i % 7) * 16);
    auto* p = static_cast<unsigned char*>(slots[i]);
    EXPECT_EQ(p[0], i & 0xff);
    EXPECT_EQ(p[bytes - 1], i & 0xff);
    pool.deallocate(p, bytes);
  }
}

TEST(floodtest_small_pool, large_objects_and_an_allocator_work_too) {
  small_pool pool;
  auto* big = pool.allocate(small_pool::max_slot_bytes + 1);
  ASSERT_NE(big, nullptr);
  pool.deallocate(big, small_pool::max_slot_bytes + 1);

  small_allocator<std::uint64_t> alloc{pool};
  std::vector<std::uint64_t, small_allocator<std::uint64_t>> numbers{alloc};
  for (std::uint64_t i = 0; i < 1000; ++i)
    numbers.push_back(i);
  EXPECT_EQ(numbers[999], 999u);
  EXPECT_TRUE(small_allocator<void>{pool} == alloc);
}
