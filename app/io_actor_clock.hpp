// CAF's actor clock (delayed messages, timeouts) on an io thread's own
// timer. CAF's clock is a thread of its own: every delayed message woke it,
// and it then woke the io thread the actors run on (app/io_scheduler.hpp).
// A ticker wave at 10,000 streams took three wake-ups that way (the clock
// thread, io thread 0, the io thread of half the streams); here the wave's
// timer expires in io thread 0's own epoll loop.
//
// Thread-safe: timeouts may be set from any thread. Due events are shipped
// on the io thread, outside the clock's lock, so that an actor handling one
// at once (a mailbox-less one) may set the next.
#pragma once

#include <mutex>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <caf/detail/simple_actor_clock.hpp>

namespace app {

class io_actor_clock : public caf::detail::simple_actor_clock {
public:
  explicit io_actor_clock(boost::asio::io_context& ioc);

  void set_ordinary_timeout(time_point t, caf::abstract_actor* self,
                            caf::atom_value type, uint64_t id) override;
  void set_multi_timeout(time_point t, caf::abstract_actor* self,
                         caf::atom_value type, uint64_t id) override;
  void set_request_timeout(time_point t, caf::abstract_actor* self,
                           caf::message_id id) override;
  void cancel_ordinary_timeout(caf::abstract_actor* self,
                               caf::atom_value type) override;
  void cancel_request_timeout(caf::abstract_actor* self,
                              caf::message_id id) override;
  void cancel_timeouts(caf::abstract_actor* self) override;
  void schedule_message(time_point t, caf::strong_actor_ptr receiver,
                        caf::mailbox_element_ptr content) override;
  void schedule_message(time_point t, caf::group target,
                        caf::strong_actor_ptr sender,
                        caf::message content) override;
  void cancel_all() override;

  // The timer stops waiting, so that the io thread's run() can return when
  // its sockets are done; events stay scheduled. resume() arms the timer
  // again on whichever thread runs the io_context next.
  void pause();
  void resume();

  // Drops every pending event and the timer's wait. Call it while no
  // thread runs the io_context; it fires nothing afterwards.
  void stop();

private:
  // After a change of the schedule: the timer is to expire at its earliest
  // event. Holding mutex_.
  void rearm();
  // On the io thread.
  void arm_timer();
  void expired();

  boost::asio::io_context& ioc_;
  boost::asio::steady_timer timer_; // the io thread's
  std::mutex mutex_;                 // schedule_, actor_lookup_, armed_at_
  time_point armed_at_ = time_point::max();
  bool paused_ = false;
  bool stopped_ = false;
};

} // namespace app
