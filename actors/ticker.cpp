#include "actors/ticker.hpp"

#include <caf/actor_cast.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"

namespace actors {

namespace {

using clock = std::chrono::steady_clock;

// Ticks due within this window after the earliest one go out together, so
// thousands of streams cost a few wake-ups instead of one each.
constexpr auto batch_window = std::chrono::milliseconds(2);

void arm(caf::stateful_actor<ticker_state>* self) {
  auto& st = self->state;
  if (st.wake_armed || st.pending.empty())
    return;
  auto wait = st.pending.front().due - clock::now() + batch_window;
  self->delayed_send(self, std::max(wait, clock::duration::zero()),
                     wake_atom::value);
  st.wake_armed = true;
}

void fire_due(caf::stateful_actor<ticker_state>* self) {
  auto& st = self->state;
  auto now = clock::now();
  while (!st.pending.empty() && st.pending.front().due <= now) {
    auto& due = st.pending.front();
    if (auto target = caf::actor_cast<caf::actor>(due.target))
      self->send(target, tick_atom::value, due.generation,
                 static_cast<std::int64_t>(due.due.time_since_epoch().count()));
    st.pending.pop_front();
  }
}

void compact(caf::stateful_actor<ticker_state>* self) {
  auto& st = self->state;
  std::erase_if(st.pending, [&](const ticker_state::entry& x) {
    return st.cancelled.count(x.target.id()) > 0;
  });
  st.cancelled.clear();
  st.compact_armed = false;
}

} // namespace

caf::behavior ticker(caf::stateful_actor<ticker_state>* self,
                     caf::timespan interval) {
  self->state.interval = interval;
  return {
    [self](schedule_atom, std::uint32_t generation, std::int64_t after) {
      auto& st = self->state;
      auto target = caf::actor_cast<caf::actor_addr>(self->current_sender());
      auto now = clock::now();
      auto base = after == 0 ? now : clock::time_point{clock::duration{after}};
      // Fixed-rate from the last due time, but never a burst to catch up.
      auto due = std::max(base + st.interval, now);
      st.pending.push_back({std::move(target), due, generation});
      arm(self);
    },
    [self](cancel_atom) {
      auto& st = self->state;
      st.cancelled.insert(self->current_sender()->id());
      if (!st.compact_armed) {
        self->delayed_send(self, compact_delay, compact_atom::value);
        st.compact_armed = true;
      }
    },
    [self](compact_atom) { compact(self); },
    [self](wake_atom) {
      self->state.wake_armed = false;
      fire_due(self);
      arm(self);
    },
  };
}

} // namespace actors
