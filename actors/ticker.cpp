#include "actors/ticker.hpp"

#include <algorithm>
#include <tuple>

#include <caf/actor_cast.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"
#include "net/io_outbox.hpp"

namespace actors {

namespace {

using clock = std::chrono::steady_clock;

// Ticks due within this window after the earliest one go out together, so
// thousands of streams cost a few wake-ups instead of one each.
constexpr auto batch_window = std::chrono::milliseconds(2);

// For the std heap functions: the earliest due time on top.
bool due_later(const ticker_state::entry& a, const ticker_state::entry& b) {
  return a.due > b.due;
}

// The queue that holds the earliest pending tick, null when none is pending.
std::deque<ticker_state::entry>* earliest(ticker_state& st) {
  if (st.pending.empty())
    return st.in_order.empty() ? nullptr : &st.in_order;
  if (st.in_order.empty() || st.pending.front().due < st.in_order.front().due)
    return &st.pending;
  return &st.in_order;
}

// Removes the earliest entry of `q`, one of st's two.
ticker_state::entry take_front(ticker_state& st,
                               std::deque<ticker_state::entry>& q) {
  if (&q == &st.in_order) {
    auto x = std::move(q.front());
    q.pop_front();
    return x;
  }
  std::pop_heap(q.begin(), q.end(), due_later);
  auto x = std::move(q.back());
  q.pop_back();
  return x;
}

// Asks for a wake-up when the earliest tick is due, unless one comes by then.
void arm(caf::stateful_actor<ticker_state>* self) {
  auto& st = self->state;
  auto* first = earliest(st);
  if (!first)
    return;
  auto at = first->front().due + batch_window;
  if (st.wake_at != 0 && st.wake_at <= message_time(at))
    return;
  st.wake_at = message_time(at);
  self->delayed_send(self, std::max(at - clock::now(), clock::duration::zero()),
                     wake_atom::value, st.wake_at);
}

// Puts `target`'s next tick one interval after `after` (or now, when 0).
void schedule(ticker_state& st, caf::actor_addr target, std::int64_t after) {
  auto now = clock::now();
  auto base = after == 0 ? now : from_message_time(after);
  // Fixed-rate from the last due time, but never a burst to catch up.
  auto due = std::max(base + st.interval, now);
  if (st.in_order.empty() || st.in_order.back().due <= due) {
    st.in_order.push_back({std::move(target), due});
  } else {
    st.pending.push_back({std::move(target), due});
    std::push_heap(st.pending.begin(), st.pending.end(), due_later);
  }
}

void fire_due(caf::stateful_actor<ticker_state>* self) {
  auto& st = self->state;
  auto now = clock::now();
  // The wave's chunks reach each io thread in one hand-off.
  net::hand_off_batch batch;
  for (auto* q = earliest(st); q && q->front().due <= now; q = earliest(st)) {
    auto due = take_front(st, *q);
    auto target = caf::actor_cast<caf::actor>(due.target);
    if (!target)
      continue;
    // Before the tick: whoever it reaches finds it counted.
    if (st.lateness)
      st.lateness->observe(now - due.due);
    auto* stream = dynamic_cast<tick_target*>(
      caf::actor_cast<caf::abstract_actor*>(target));
    if (!stream)
      self->send(target, tick_atom::value, message_time(due.due));
    else if (auto after = stream->on_tick(message_time(due.due)))
      schedule(st, std::move(due.target), *after);
  }
}

void compact(caf::stateful_actor<ticker_state>* self) {
  auto& st = self->state;
  auto gone = [&](const ticker_state::entry& x) {
    return st.cancelled.count(x.target.id()) > 0;
  };
  std::erase_if(st.in_order, gone); // stays in order
  std::erase_if(st.pending, gone);
  std::make_heap(st.pending.begin(), st.pending.end(), due_later);
  st.cancelled.clear();
  st.compact_armed = false;
}

} // namespace

caf::behavior ticker(caf::stateful_actor<ticker_state>* self,
                     caf::timespan interval, net::latency_histogram* lateness) {
  self->state.interval = interval;
  self->state.lateness = lateness;
  return {
    [self](schedule_atom, std::int64_t after) {
      schedule(self->state,
               caf::actor_cast<caf::actor_addr>(self->current_sender()), after);
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
    [self](stats_atom) {
      auto& st = self->state;
      return std::make_tuple(std::uint64_t{st.in_order.size()
                                           + st.pending.size()},
                             std::uint64_t{st.cancelled.size()});
    },
    [self](wake_atom, std::int64_t at) {
      if (at != self->state.wake_at)
        return;
      self->state.wake_at = 0;
      fire_due(self);
      arm(self);
    },
  };
}

} // namespace actors
