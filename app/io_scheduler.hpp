// Runs every scheduled actor on io thread 0 (scheduler.policy='io_thread',
// caf-comet's default). With CAF's own worker thread, a POST /send woke three
// threads in turn and io thread 0 twice: the request's read, CAF's worker
// (the asker, the node agent, the router, the feed), the answer's write, each
// wake-up a futex or an epoll_ctl and a context switch that on this machine
// cost more than the work. Here the actors run between the io thread's own
// handlers: a job for an actor is a handler posted to its io_context, which
// costs no wake-up when posted from that thread. Jobs wait in one ready
// queue that a single posted turn runs, as many as come while it runs (up to
// a bound): a /send's five actor hops then cost one turn of the io thread
// instead of five, each of which had Asio poll epoll in between. Actors
// still never touch a socket; they only share the thread.
//
// CAF's clock, too, runs on io thread 0 (app/io_actor_clock.hpp). Once the io
// threads have returned, run_actors_alone() gives the actors a thread of
// their own until the actor system ends.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <caf/actor_system.hpp>
#include <caf/execution_unit.hpp>
#include <caf/resumable.hpp>
#include <caf/scheduler/abstract_coordinator.hpp>

#include "app/io_actor_clock.hpp"
#include "app/server_config.hpp"

namespace app {

class io_scheduler : public caf::scheduler::abstract_coordinator {
public:
  io_scheduler(caf::actor_system& system, boost::asio::io_context& ioc);
  ~io_scheduler() override;

  // Any thread.
  void enqueue(caf::resumable* job) override;
  caf::actor_clock& clock() noexcept override;

  // When the io threads are to stop: lets io thread 0 return from run().
  void pause_clock();

  // Once the io threads have returned (or never ran). Idempotent.
  void run_alone();

protected:
  void stop() override;

private:
  // What an actor resumed here sees as its host.
  class unit : public caf::execution_unit {
  public:
    explicit unit(io_scheduler& owner);
    void exec_later(caf::resumable* job) override;

  private:
    io_scheduler& owner_;
  };

  // Io thread: runs the ready jobs, then posts another turn if some are left.
  void run_turn();
  void resume(caf::resumable* job);

  boost::asio::io_context& ioc_;
  unit unit_;
  io_actor_clock clock_;
  std::mutex ready_mtx_;
  std::deque<caf::resumable*> ready_; // in the order they were enqueued
  bool turn_posted_ = false;          // a run_turn() is on its way
  std::thread alone_;                // run_alone()'s
  std::unique_ptr<boost::asio::executor_work_guard<
    boost::asio::io_context::executor_type>> alone_guard_;
  std::atomic<bool> closing_{false}; // at the very end: jobs are released, not run
};

// Before the actor system is made: when cfg's scheduler.policy is
// 'io_thread', its actors are to run on `ioc`'s thread. Returns whether.
bool schedule_on_io_thread(server_config& cfg, boost::asio::io_context& ioc);

// pause_clock() of the system's io_scheduler; nothing for other schedulers.
void pause_actor_clock(caf::actor_system& system);

// run_alone() of the system's io_scheduler; nothing for other schedulers.
void run_actors_alone(caf::actor_system& system);

// Calls run_actors_alone() when it goes out of scope, however the serving
// ends: the actor system's end waits for its actors, which then need a
// thread. Declare it right after the actor system.
class actors_alone_at_exit {
public:
  explicit actors_alone_at_exit(caf::actor_system& system) : system_(system) {}
  ~actors_alone_at_exit() { run_actors_alone(system_); }
  actors_alone_at_exit(const actors_alone_at_exit&) = delete;
  actors_alone_at_exit& operator=(const actors_alone_at_exit&) = delete;

private:
  caf::actor_system& system_;
};

} // namespace app
