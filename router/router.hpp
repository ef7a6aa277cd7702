// The local router: two tables like router.erl's id2pid and pid2id bags (one
// id may have several connections, one connection several ids), monitors in
// place of Erlang links.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include <caf/typed_event_based_actor.hpp>

#include "router/router_api.hpp"

namespace router {

struct router_state {
  std::unordered_multimap<std::string, caf::actor> id2conn;
  std::unordered_multimap<caf::actor_id, std::string> conn2id;
  std::uint64_t ids = 0;             // distinct keys of id2conn
  std::uint64_t connections = 0;     // distinct keys of conn2id
  std::uint64_t messages_routed = 0; // deliveries to connections
  caf::actor watcher;                // told of ids coming and going, if set
  static inline const char* name = "router";
};

router_api::behavior_type
local_router(router_api::stateful_pointer<router_state> self);

} // namespace router
