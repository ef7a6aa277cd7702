// An allocator for the handlers of long-lived Asio operations. Asio keeps the
// memory of a finished operation per thread and gives it to the next one that
// fits, whatever its size: a stream's close watch (88 bytes) would otherwise
// sit for the stream's whole life in the ~250-byte block of the request read
// before it. A handler that names this allocator (its allocator_type and
// get_allocator()) gets a block of the operation's own size from the heap.
#pragma once

#include <cstddef>
#include <memory>

namespace net {

template <class T>
struct exact_allocator {
  using value_type = T;

  exact_allocator() = default;
  template <class U>
  exact_allocator(const exact_allocator<U>&) noexcept {
  }

  T* allocate(std::size_t n) {
    return std::allocator<T>{}.allocate(n);
  }

  void deallocate(T* p, std::size_t n) noexcept {
    std::allocator<T>{}.deallocate(p, n);
  }

  template <class U>
  bool operator==(const exact_allocator<U>&) const noexcept {
    return true;
  }
};

} // namespace net
