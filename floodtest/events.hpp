// What the io side tells the actors, and the atoms the actors talk with.
// Sockets never reach an actor: the receiver sees stream starts, chunks and
// ends, batched every few milliseconds because one message per chunk per
// stream would cost more than the chunk.
#pragma once

#include <cstdint>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>

#include "close_reason.hpp"

namespace floodtest {

using stats_atom = caf::atom_constant<caf::atom("stats")>;   // print Stats
using tick_atom = caf::atom_constant<caf::atom("tick")>;     // timer's beat
using next_atom = caf::atom_constant<caf::atom("next")>;     // load more URLs
using finish_atom = caf::atom_constant<caf::atom("finish")>; // print summary
using done_atom = caf::atom_constant<caf::atom("done")>;     // summary printed

// One stream that ended, and what it had reached: the receiver needs both to
// keep Active and the connect failures right.
struct stream_close {
  close_reason reason;
  bool connected = false; // a TCP connection existed
  bool active = false;    // the response head had arrived (counted Active)
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stream_close& x) {
  return f(caf::meta::type_name("stream_close"), x.reason, x.connected,
           x.active);
}

// Everything that happened on the io side since the last batch.
struct stream_events {
  std::uint64_t opened = 0;  // URLs handed to the io side
  std::uint64_t started = 0; // streams whose 200 head arrived
  std::uint64_t chunks = 0;  // chunks received
  std::uint64_t gaps = 0;    // ticks whose N skipped events
  std::vector<stream_close> closes;
  std::vector<std::uint32_t> lateness_ms; // per timed tick chunk
  std::vector<std::uint32_t> delivery_ms; // per stamped message

  bool empty() const {
    return opened == 0 && started == 0 && chunks == 0 && gaps == 0
           && closes.empty() && lateness_ms.empty() && delivery_ms.empty();
  }
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stream_events& x) {
  return f(caf::meta::type_name("stream_events"), x.opened, x.started,
           x.chunks, x.gaps, x.closes, x.lateness_ms, x.delivery_ms);
}

} // namespace floodtest
