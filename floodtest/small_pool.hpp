// Memory for the io thread's small objects: the streams and their pending
// socket operations. At ~18,000 streams per process what counts is bytes per
// stream, and malloc adds a header and rounding to every block (a stream and
// its read wait cost 144 + 192 bytes there, 104 + 96 here).
//
// Blocks are carved into slots in size classes of 8 bytes; a freed slot goes
// on its class's free list for the next object of that size. Memory is never
// given back before the pool goes: the high-water mark of streams is what a
// run holds anyway. Not thread-safe: the io thread only.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace floodtest {

class small_pool {
public:
  // Slots are aligned to this and sized in steps of it.
  static constexpr std::size_t granule = 8;
  // Larger objects are rare here; they go to operator new.
  static constexpr std::size_t max_slot_bytes = 512;

  small_pool() = default;
  small_pool(const small_pool&) = delete;
  small_pool& operator=(const small_pool&) = delete;

  void* allocate(std::size_t bytes);
  // `bytes` as given to allocate.
  void deallocate(void* p, std::size_t bytes) noexcept;

private:
  struct free_slot {
    free_slot* next;
  };
  static constexpr std::size_t block_bytes = 64 * 1024;
  static constexpr std::size_t class_count = max_slot_bytes / granule + 1;

  static std::size_t class_of(std::size_t bytes) {
    return (bytes + granule - 1) / granule;
  }

  std::array<free_slot*, class_count> free_{};
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* fresh_ = nullptr;  // the uncarved rest of the newest block
  std::size_t fresh_bytes_ = 0;
};

// A standard allocator over a small_pool, for asio handlers
// (boost::asio::bind_allocator) and containers.
template <class T>
class small_allocator {
public:
  using value_type = T;

  explicit small_allocator(small_pool& pool) noexcept : pool_(&pool) {
  }

  template <class U>
  small_allocator(const small_allocator<U>& other) noexcept
    : pool_(other.pool()) {
  }

  T* allocate(std::size_t n) {
    static_assert(alignof(T) <= small_pool::granule,
                  "small_pool slots are only granule-aligned");
    return static_cast<T*>(pool_->allocate(n * sizeof(T)));
  }

  void deallocate(T* p, std::size_t n) noexcept {
    pool_->deallocate(p, n * sizeof(T));
  }

  small_pool* pool() const noexcept { return pool_; }

  template <class U>
  bool operator==(const small_allocator<U>& other) const noexcept {
    return pool_ == other.pool();
  }

private:
  small_pool* pool_;
};

} // namespace floodtest
