#include "receiver.hpp"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace floodtest {

namespace {

// One write per batch: tens of thousands of Closed lines can come at once.
void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
    .count();
}

void apply(summary& totals, const stream_events& events) {
  totals.opened += events.opened;
  totals.active += events.started;
  totals.chunks += events.chunks;
  totals.gaps += events.gaps;
  for (const auto& close : events.closes) {
    ++totals.closed;
    if (close.active)
      --totals.active;
    if (!close.connected)
      ++totals.connect_failures;
  }
  for (auto ms : events.lateness_ms)
    totals.lateness.add(ms);
  for (auto ms : events.delivery_ms)
    totals.delivery.add(ms);
}

} // namespace

caf::behavior receiver(caf::stateful_actor<receiver_state>* self,
                       receiver_settings settings) {
  self->state.settings = settings;
  self->state.totals.tick_ms = settings.tick_ms;
  self->state.started_at = std::chrono::steady_clock::now();
  return {
    [=](const stream_events& events) {
      auto& st = self->state;
      if (st.finished)
        return;
      apply(st.totals, events);
      if (events.started > 0)
        st.totals.last_start_s = seconds_since(st.started_at);
      std::string lines;
      for (const auto& close : events.closes)
        lines += "Closed: " + to_string(close.reason) + '\n';
      if (!lines.empty())
        print(lines);
    },
    [=](stats_atom) {
      if (!self->state.finished)
        print(self->state.totals.stats_line() + '\n');
    },
    [=](finish_atom) {
      auto& st = self->state;
      st.finished = true;
      st.totals.elapsed_s = seconds_since(st.started_at);
      std::string text;
      if (!st.settings.child)
        text += st.totals.stats_line() + '\n';
      text += st.totals.to_json().dump() + '\n';
      print(text);
      return done_atom::value;
    },
  };
}

} // namespace floodtest
