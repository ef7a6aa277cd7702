#include "app/memory_trim.hpp"

#include <malloc.h>

namespace app {

memory_trimmer::memory_trimmer(boost::asio::io_context& ioc,
                               std::chrono::milliseconds interval)
  : timer_(ioc), interval_(interval) {
}

void memory_trimmer::start() {
  if (interval_.count() > 0)
    arm();
}

void memory_trimmer::stop() {
  stopped_ = true;
  timer_.cancel();
}

void memory_trimmer::arm() {
  timer_.expires_after(interval_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_)
      return;
    malloc_trim(0);
    arm();
  });
}

} // namespace app
