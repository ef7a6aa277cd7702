#include "router/control_asker.hpp"

#include <atomic>
#include <deque>
#include <memory>

#include <caf/atom.hpp>
#include <caf/stateful_actor.hpp>

#include "router/control_bodies.hpp"

namespace router {

namespace {

using clock = std::chrono::steady_clock;
using sweep_atom = caf::atom_constant<caf::atom("sweep")>;

constexpr auto sweep_interval = std::chrono::seconds(1);

// A reply that answers once, whoever comes first: the service or the sweep.
struct once_reply {
  net::control_reply reply;
  clock::time_point deadline;
  std::atomic<bool> answered{false};

  void answer(net::control_response res) {
    if (!answered.exchange(true))
      reply(std::move(res));
  }
};

struct asker_state {
  std::deque<std::shared_ptr<once_reply>> waiting; // by deadline
  bool sweep_armed = false;
  static inline const char* name = "control_asker";
};

using asker_ptr = caf::stateful_actor<asker_state>*;

void drop_answered(asker_state& st) {
  while (!st.waiting.empty() && st.waiting.front()->answered)
    st.waiting.pop_front();
}

void arm_sweep(asker_ptr self) {
  if (self->state.sweep_armed || self->state.waiting.empty())
    return;
  self->state.sweep_armed = true;
  self->delayed_send(self, sweep_interval, sweep_atom::value);
}

caf::behavior control_asker(asker_ptr self, std::chrono::seconds timeout) {
  return {
    [self, timeout](ask_job& job, net::control_reply& reply) {
      auto& st = self->state;
      drop_answered(st);
      auto once = std::make_shared<once_reply>();
      once->reply = std::move(reply);
      once->deadline = clock::now() + timeout;
      st.waiting.push_back(once);
      job(self, [once](net::control_response res) {
        once->answer(std::move(res));
      });
      arm_sweep(self);
    },
    [self](sweep_atom) {
      auto& st = self->state;
      st.sweep_armed = false;
      auto now = clock::now();
      while (!st.waiting.empty() && st.waiting.front()->deadline <= now) {
        st.waiting.front()->answer(
          error_response(503, "service unavailable: no answer in time"));
        st.waiting.pop_front();
      }
      drop_answered(st);
      arm_sweep(self);
    },
  };
}

} // namespace

caf::actor spawn_control_asker(caf::actor_system& system,
                               std::chrono::seconds timeout) {
  return system.spawn<caf::hidden>(control_asker, timeout);
}

} // namespace router
