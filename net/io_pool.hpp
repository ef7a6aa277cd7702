// Several io_contexts, each run by one thread. Streams are spread over them
// so that writing to many sockets at once (a broadcast, a batch of ticks)
// uses every core: on loopback, most of a send's cost is the kernel's TCP
// path, paid by the sending thread. A session stays on one context for its
// life, so it still needs no lock.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace net {

class io_pool {
public:
  explicit io_pool(std::size_t threads);
  ~io_pool();

  std::size_t size() const { return contexts_.size(); }
  boost::asio::io_context& at(std::size_t i) { return *contexts_[i]; }

  // Runs every context, the first on the calling thread, and returns when
  // all have run out of work after release().
  void run();

  // Lets each context end once its last pending operation is done.
  void release();

private:
  using work_guard
    = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<work_guard> guards_;
};

} // namespace net
