#include "app/io_actor_clock.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace app {

namespace asio = boost::asio;

using lock = std::lock_guard<std::mutex>;

io_actor_clock::io_actor_clock(asio::io_context& ioc)
  : ioc_(ioc), timer_(ioc) {
}

void io_actor_clock::set_ordinary_timeout(time_point t,
                                          caf::abstract_actor* self,
                                          caf::atom_value type, uint64_t id) {
  lock guard{mutex_};
  simple_actor_clock::set_ordinary_timeout(t, self, type, id);
  rearm();
}

void io_actor_clock::set_multi_timeout(time_point t, caf::abstract_actor* self,
                                       caf::atom_value type, uint64_t id) {
  lock guard{mutex_};
  simple_actor_clock::set_multi_timeout(t, self, type, id);
  rearm();
}

void io_actor_clock::set_request_timeout(time_point t,
                                         caf::abstract_actor* self,
                                         caf::message_id id) {
  lock guard{mutex_};
  simple_actor_clock::set_request_timeout(t, self, id);
  rearm();
}

// A cancellation leaves the timer as it is: an early expiry finds nothing
// due and sets it again.
void io_actor_clock::cancel_ordinary_timeout(caf::abstract_actor* self,
                                             caf::atom_value type) {
  lock guard{mutex_};
  simple_actor_clock::cancel_ordinary_timeout(self, type);
}

void io_actor_clock::cancel_request_timeout(caf::abstract_actor* self,
                                            caf::message_id id) {
  lock guard{mutex_};
  simple_actor_clock::cancel_request_timeout(self, id);
}

void io_actor_clock::cancel_timeouts(caf::abstract_actor* self) {
  lock guard{mutex_};
  simple_actor_clock::cancel_timeouts(self);
}

void io_actor_clock::schedule_message(time_point t,
                                      caf::strong_actor_ptr receiver,
                                      caf::mailbox_element_ptr content) {
  lock guard{mutex_};
  simple_actor_clock::schedule_message(t, std::move(receiver),
                                       std::move(content));
  rearm();
}

void io_actor_clock::schedule_message(time_point t, caf::group target,
                                      caf::strong_actor_ptr sender,
                                      caf::message content) {
  lock guard{mutex_};
  simple_actor_clock::schedule_message(t, std::move(target), std::move(sender),
                                       std::move(content));
  rearm();
}

void io_actor_clock::cancel_all() {
  lock guard{mutex_};
  simple_actor_clock::cancel_all();
}

void io_actor_clock::pause() {
  asio::dispatch(ioc_, [this] {
    lock guard{mutex_};
    paused_ = true;
    armed_at_ = time_point::max();
    timer_.cancel();
  });
}

void io_actor_clock::resume() {
  lock guard{mutex_};
  paused_ = false;
  rearm();
}

void io_actor_clock::stop() {
  {
    lock guard{mutex_};
    stopped_ = true;
    simple_actor_clock::cancel_all();
  }
  timer_.cancel();
}

void io_actor_clock::rearm() {
  if (paused_ || stopped_ || schedule_.empty()
      || schedule_.begin()->first >= armed_at_)
    return;
  armed_at_ = schedule_.begin()->first;
  if (ioc_.get_executor().running_in_this_thread())
    return arm_timer();
  asio::post(ioc_, [this] {
    lock guard{mutex_};
    arm_timer();
  });
}

// Holding mutex_, on the io thread.
void io_actor_clock::arm_timer() {
  if (paused_ || stopped_ || armed_at_ == time_point::max())
    return;
  timer_.expires_at(armed_at_); // cancels the wait for a later time
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec != asio::error::operation_aborted)
      expired();
  });
}

void io_actor_clock::expired() {
  std::vector<unique_delayed_event_ptr> due;
  {
    lock guard{mutex_};
    auto now = this->now();
    auto i = schedule_.begin();
    while (i != schedule_.end() && i->first <= now) {
      if (i->second->backlink != actor_lookup_.end())
        actor_lookup_.erase(i->second->backlink);
      due.push_back(std::move(i->second));
      i = schedule_.erase(i);
    }
    armed_at_ = time_point::max();
    rearm();
  }
  for (auto& event : due)
    ship(*event);
}

} // namespace app
