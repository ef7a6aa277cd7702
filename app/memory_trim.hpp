// Gives the heap's free pages back to the system now and then. glibc's
// malloc keeps what was freed between live blocks resident: after a burst of
// connections, or once the resume history's messages have expired, the
// resident set stays at its high-water mark while the heap in use has fallen
// back (/stats' rss_bytes against heap_bytes). malloc_trim returns every
// whole free page; it holds the heap's lock while it walks the free blocks,
// which is why it runs once per interval and not after every free.
#pragma once

#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace app {

class memory_trimmer {
public:
  // `interval` 0: never.
  memory_trimmer(boost::asio::io_context& ioc,
                 std::chrono::milliseconds interval);

  void start();
  // Cancels the timer, so that the io_context can run out of work.
  void stop();

private:
  void arm();

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds interval_;
  bool stopped_ = false;
};

} // namespace app
