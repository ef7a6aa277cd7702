// One process's side of the service: answers the control port in a single
// process and the head's requests in a worker. Sends and broadcasts go to the
// local router; stats add this process's counters to the router's and the
// ticker's figures.
#pragma once

#include <chrono>
#include <string>

#include <caf/typed_event_based_actor.hpp>

#include "net/counters.hpp"
#include "router/router_api.hpp"
#include "router/service_api.hpp"

namespace router {

struct node_agent_state {
  // Not an aggregate: CAF would try to build the state from the actor
  // pointer, which C++20 reads as initializing `router` with it.
  node_agent_state() = default;
  router_api router;
  caf::actor ticker; // answers {stats_atom} (actors/ticker.hpp)
  const net::counters* counters = nullptr; // net/'s, outlives the actor
  std::string node;
  std::string address;
  std::chrono::steady_clock::time_point started;
  static inline const char* name = "node_agent";
};

// `node` and `address` name this process in a cluster's /stats.
node_api::behavior_type
node_agent(node_api::stateful_pointer<node_agent_state> self,
           router_api router, caf::actor ticker,
           const net::counters* counters, std::string node,
           std::string address);

} // namespace router
