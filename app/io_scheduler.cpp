#include "app/io_scheduler.hpp"

#include <boost/asio/post.hpp>
#include <caf/atom.hpp>
#include <caf/detail/set_thread_name.hpp>
#include <caf/settings.hpp>

namespace app {

namespace asio = boost::asio;

namespace {

// At the end, rounds of running what is queued before the rest is released
// (an actor that kept sending itself messages would never leave the queue).
constexpr int max_final_passes = 16;

// Jobs run in one turn before the io thread's own handlers (reads, writes,
// timers) get theirs: a broadcast's thousands of feeds do not hold up a read.
constexpr int max_jobs_per_turn = 256;

} // namespace

io_scheduler::unit::unit(io_scheduler& owner)
  : caf::execution_unit(&owner.system()), owner_(owner) {
}

void io_scheduler::unit::exec_later(caf::resumable* job) {
  owner_.enqueue(job);
}

io_scheduler::io_scheduler(caf::actor_system& system, asio::io_context& ioc)
  : abstract_coordinator(system), ioc_(ioc), unit_(*this), clock_(ioc) {
}

io_scheduler::~io_scheduler() = default;

void io_scheduler::enqueue(caf::resumable* job) {
  {
    std::lock_guard<std::mutex> guard{ready_mtx_};
    ready_.push_back(job);
    if (turn_posted_)
      return;
    turn_posted_ = true;
  }
  asio::post(ioc_, [this] { run_turn(); });
}

void io_scheduler::run_turn() {
  for (int n = 0; n < max_jobs_per_turn; ++n) {
    caf::resumable* job;
    {
      std::lock_guard<std::mutex> guard{ready_mtx_};
      if (ready_.empty()) {
        turn_posted_ = false;
        return;
      }
      job = ready_.front();
      ready_.pop_front();
    }
    resume(job);
  }
  asio::post(ioc_, [this] { run_turn(); }); // turn_posted_ stays true
}

caf::actor_clock& io_scheduler::clock() noexcept {
  return clock_;
}

// As CAF's own workers do with each job (caf/scheduler/worker.hpp).
void io_scheduler::resume(caf::resumable* job) {
  if (closing_)
    return cleanup_and_release(job);
  switch (job->resume(&unit_, max_throughput_)) {
    case caf::resumable::resume_later:
      return enqueue(job); // keeps its reference
    case caf::resumable::done:
    case caf::resumable::awaiting_message:
      return caf::intrusive_ptr_release(job);
    case caf::resumable::shutdown_execution_unit:
      return; // only CAF's own workers are sent that
  }
}

void io_scheduler::pause_clock() {
  clock_.pause();
}

void io_scheduler::run_alone() {
  if (alone_.joinable())
    return;
  alone_guard_ = std::make_unique<asio::executor_work_guard<
    asio::io_context::executor_type>>(ioc_.get_executor());
  alone_ = std::thread{[this] {
    caf::detail::set_thread_name("caf.actors");
    ioc_.restart();
    clock_.resume();
    ioc_.run();
  }};
}

void io_scheduler::stop() {
  stop_actors();
  if (alone_.joinable()) {
    alone_guard_.reset();
    ioc_.stop();
    alone_.join();
  }
  clock_.stop();
  // Jobs still queued run, as on the io thread: a hidden actor's exit (the
  // control port's asker) ends it properly. Released unrun, as CAF's workers
  // release theirs at the end, CAF would skip its state's destructor.
  for (int pass = 0; pass < max_final_passes; ++pass) {
    ioc_.restart();
    if (ioc_.poll() == 0)
      break;
  }
  closing_ = true;
  ioc_.restart();
  ioc_.poll();
}

bool schedule_on_io_thread(server_config& cfg, asio::io_context& ioc) {
  if (caf::get_or(cfg, "scheduler.policy", caf::atom("sharing"))
      != caf::atom("io_thread"))
    return false;
  cfg.module_factories.push_back(
    [&ioc](caf::actor_system& system) -> caf::actor_system::module* {
      return new io_scheduler(system, ioc);
    });
  return true;
}

void pause_actor_clock(caf::actor_system& system) {
  if (auto* s = dynamic_cast<io_scheduler*>(&system.scheduler()))
    s->pause_clock();
}

void run_actors_alone(caf::actor_system& system) {
  if (auto* s = dynamic_cast<io_scheduler*>(&system.scheduler()))
    s->run_alone();
}

} // namespace app
