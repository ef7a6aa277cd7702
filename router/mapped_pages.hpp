// A memory resource that maps pages for each allocation and unmaps them on
// its deallocation: what it hands out never sits in malloc's heap, and what
// is given back leaves the process at once. Meant as the upstream of a pool
// (std::pmr::unsynchronized_pool_resource), which asks for large chunks
// rarely; every allocation costs at least a page and two system calls.
#pragma once

#include <cstddef>
#include <memory_resource>

namespace router {

class mapped_pages final : public std::pmr::memory_resource {
public:
  // The one instance; it holds no state.
  static mapped_pages* get();

private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes,
                     std::size_t alignment) override;
  bool do_is_equal(const std::pmr::memory_resource& other)
    const noexcept override;
};

} // namespace router
