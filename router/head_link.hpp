// A worker's tie to its cluster's head: joins it over the node port (CAF's
// middleman), tells it which ids this worker holds (a snapshot, then what
// came and went, in batches at most every flush interval), and when the head
// goes away (killed, restarted, network lost) keeps trying to join again and
// then sends its ids anew. Streams never wait for any of this.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "router/cluster_api.hpp"
#include "router/router_api.hpp"
#include "router/service_api.hpp"

namespace router {

struct head_link_config {
  std::string host;   // the head's node address
  std::uint16_t port; // the head's node port
  std::string cookie;
  node_info self;     // this worker, as the head lists it
  // Called once when the head refuses the cookie: this node cannot join.
  std::function<void()> on_refused;
};

struct head_link_state {
  head_link_config config;
  node_api agent; // what the head sends requests to
  router_api router; // watched for ids
  caf::actor directory; // the head's, while joined
  std::uint32_t number = 0; // given by the head at join
  // Ids that came (true) or went (false) since the last batch.
  std::unordered_map<std::string, bool> pending;
  bool flush_armed = false;
  bool told_unreachable = false; // say "cannot reach" once per outage
  static inline const char* name = "head_link";
};

caf::behavior head_link(caf::stateful_actor<head_link_state>* self,
                        head_link_config config, node_api agent,
                        router_api router);

} // namespace router
