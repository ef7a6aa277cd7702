#include "small_pool.hpp"

#include <new>

namespace floodtest {

void* small_pool::allocate(std::size_t bytes) {
  if (bytes > max_slot_bytes)
    return ::operator new(bytes);
  auto cls = class_of(bytes == 0 ? 1 : bytes);
  if (auto* slot = free_[cls]) {
    free_[cls] = slot->next;
    return slot;
  }
  auto slot_bytes = cls * granule;
  if (fresh_bytes_ < slot_bytes) {
    // The rest of the old block (less than one slot) stays unused.
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block_bytes));
    fresh_ = blocks_.back().get();
    fresh_bytes_ = block_bytes;
  }
  auto* slot = fresh_;
  fresh_ += slot_bytes;
  fresh_bytes_ -= slot_bytes;
  return slot;
}

void small_pool::deallocate(void* p, std::size_t bytes) noexcept {
  if (p == nullptr)
    return;
  if (bytes > max_slot_bytes)
    return ::operator delete(p);
  auto cls = class_of(bytes == 0 ? 1 : bytes);
  free_[cls] = new (p) free_slot{free_[cls]};
}

} // namespace floodtest
