#include "report_timer.hpp"

#include "events.hpp"

namespace floodtest {

namespace {

void schedule_next(caf::stateful_actor<report_timer_state>* self,
                   caf::timespan interval) {
  auto& st = self->state;
  auto due = st.origin + interval * ++st.beats;
  self->delayed_send(self, due - std::chrono::steady_clock::now(),
                     tick_atom::value);
}

} // namespace

caf::behavior report_timer(caf::stateful_actor<report_timer_state>* self,
                           caf::timespan interval, caf::actor receiver) {
  self->state.origin = std::chrono::steady_clock::now();
  schedule_next(self, interval);
  return {
    [=](tick_atom) {
      self->send(receiver, stats_atom::value);
      schedule_next(self, interval);
    },
  };
}

} // namespace floodtest
