#include "net/io_outbox.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

#include <boost/asio/post.hpp>

#include "net/prefetching.hpp"

namespace net {

namespace {

// The calling thread's open batches and the outboxes they hold back.
struct held_posts {
  int depth = 0;
  std::vector<io_outbox*> outboxes;
};

thread_local held_posts held;

} // namespace

void io_outbox::add(boost::intrusive_ptr<outbox_target> to, std::string bytes,
                    std::int64_t arrived_unix_ns, bool finish) {
  bool post = false;
  {
    std::lock_guard guard{mutex_};
    items_.push_back({std::move(to), std::move(bytes), arrived_unix_ns, finish});
    if (!drain_posted_) {
      if (held.depth > 0) {
        auto& mine = held.outboxes;
        if (std::find(mine.begin(), mine.end(), this) == mine.end())
          mine.push_back(this);
      } else {
        post = drain_posted_ = true;
      }
    }
  }
  if (post)
    post_drain();
}

void io_outbox::flush() {
  {
    std::lock_guard guard{mutex_};
    if (drain_posted_ || items_.empty())
      return;
    drain_posted_ = true;
  }
  post_drain();
}

void io_outbox::post_drain() {
  try {
    boost::asio::post(ioc_, [this] { drain(); });
  } catch (...) { // out of memory: the next add() tries again
    std::lock_guard guard{mutex_};
    drain_posted_ = false;
    throw;
  }
}

void io_outbox::drain() {
  {
    std::lock_guard guard{mutex_};
    draining_.swap(items_);
    drain_posted_ = false;
  }
  auto target = [](const item& x) { return x.to.get(); };
  net::for_each_prefetching(draining_, target, [](item& x) {
    // No exception may leave the handler: the rest of the wave still goes.
    try {
      if (x.finish)
        x.to->shutdown();
      else
        x.to->write_event(std::move(x.bytes), x.arrived_unix_ns);
    } catch (const std::exception& e) {
      std::cerr << "caf-comet: error in a stream's write: " << e.what() << '\n';
    }
  });
  draining_.clear();
}

hand_off_batch::hand_off_batch() {
  ++held.depth;
}

hand_off_batch::~hand_off_batch() {
  if (--held.depth > 0)
    return;
  // A flush fails only for memory; the drain then comes with the next add.
  for (auto* o : held.outboxes) {
    try {
      o->flush();
    } catch (...) {
    }
  }
  held.outboxes.clear();
}

} // namespace net
