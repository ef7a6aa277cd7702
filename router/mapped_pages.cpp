#include "router/mapped_pages.hpp"

#include <cstdint>
#include <new>

#include <sys/mman.h>
#include <unistd.h>

namespace router {

namespace {

std::size_t page_size() {
  static const auto size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

std::size_t whole_pages(std::size_t bytes) {
  auto page = page_size();
  return (bytes + page - 1) / page * page;
}

} // namespace

mapped_pages* mapped_pages::get() {
  static mapped_pages instance;
  return &instance;
}

// A pool asks for chunks aligned to their block size, which can exceed a
// page: then more is mapped and what lies outside the aligned span unmapped.
void* mapped_pages::do_allocate(std::size_t bytes, std::size_t alignment) {
  auto size = whole_pages(bytes);
  auto extra = alignment > page_size() ? alignment : 0;
  void* p = mmap(nullptr, size + extra, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    throw std::bad_alloc{};
  if (extra == 0)
    return p;
  auto start = reinterpret_cast<std::uintptr_t>(p);
  auto aligned = (start + alignment - 1) / alignment * alignment;
  if (aligned > start)
    munmap(p, aligned - start);
  if (auto tail = start + extra - aligned; tail > 0)
    munmap(reinterpret_cast<void*>(aligned + size), tail);
  return reinterpret_cast<void*>(aligned);
}

void mapped_pages::do_deallocate(void* p, std::size_t bytes, std::size_t) {
  munmap(p, whole_pages(bytes));
}

bool mapped_pages::do_is_equal(const std::pmr::memory_resource& other)
  const noexcept {
  return this == &other;
}

} // namespace router
