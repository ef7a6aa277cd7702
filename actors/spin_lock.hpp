// A lock of one byte for state that every stream holds: std::mutex costs 40
// bytes, paid a million times. Meant for sections that only format a few
// bytes and hand them on, where two threads rarely meet: a thread that finds
// the lock taken yields until it is free instead of sleeping.
#pragma once

#include <atomic>
#include <thread>

namespace actors {

class spin_lock {
public:
  void lock() noexcept {
    while (held_.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
  }

  void unlock() noexcept {
    held_.clear(std::memory_order_release);
  }

private:
  std::atomic_flag held_; // clear: free (C++20 initializes it so)
};

} // namespace actors
