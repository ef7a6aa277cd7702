// What other threads (the actors') hand one io thread: events to write and
// streams to end, run there in the order they came. The first item that
// finds the outbox idle posts one drain; those that come before it runs ride
// along. A tick wave or a broadcast then costs each io thread a few
// wake-ups instead of one per stream: a post from another thread takes the
// io_context's lock and interrupts its epoll_wait (an eventfd write and an
// epoll_ctl), and on 2 cores the woken io thread preempts the actor thread.
//
// A hand_off_batch holds the calling thread's posts until it closes, so that
// a whole wave goes in one post per io thread.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>

#include "net/stream_sink.hpp"

namespace net {

// A session as its io thread's outbox sees it.
class outbox_target : public stream_sink {
public:
  // Io thread: writes an event framed by deliver().
  virtual void write_event(std::string bytes, std::int64_t arrived_unix_ns) = 0;
  // Io thread: ends the stream as finish() asks.
  virtual void shutdown() = 0;
};

class io_outbox {
public:
  explicit io_outbox(boost::asio::io_context& ioc) : ioc_(ioc) {}
  io_outbox(const io_outbox&) = delete;
  io_outbox& operator=(const io_outbox&) = delete;

  // Any thread. `bytes` with `finish` false is an event to write; `finish`
  // true ends the stream.
  void add(boost::intrusive_ptr<outbox_target> to, std::string bytes,
           std::int64_t arrived_unix_ns, bool finish);

private:
  friend class hand_off_batch;

  struct item {
    boost::intrusive_ptr<outbox_target> to;
    std::string bytes;
    std::int64_t arrived_unix_ns;
    bool finish;
  };

  // Posts a drain unless one is on its way or nothing waits.
  void flush();
  void post_drain();
  // Io thread: runs what waits, in order.
  void drain();

  boost::asio::io_context& ioc_;
  std::mutex mutex_;
  // Deques: a broadcast's wave grows in small blocks that malloc reuses. A
  // vector's doubling moved every item and touched fresh pages: up to 8 %
  // of a broadcast to 10,000's time outside the kernel.
  std::deque<item> items_;     // guarded by mutex_
  bool drain_posted_ = false;  // guarded by mutex_
  std::deque<item> draining_;  // io thread only
};

// While one is open on a thread, that thread's io_outbox::add() calls post
// nothing; its close posts one drain per outbox they filled. Nests.
class hand_off_batch {
public:
  hand_off_batch();
  ~hand_off_batch();
  hand_off_batch(const hand_off_batch&) = delete;
  hand_off_batch& operator=(const hand_off_batch&) = delete;
};

} // namespace net
