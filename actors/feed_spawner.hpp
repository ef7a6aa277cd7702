// Connects net/ to the actors: each new stream gets its own feed actor,
// which logs in with the router.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "net/stream_handler.hpp"
#include "router/router_api.hpp"

namespace actors {

class feed_spawner : public net::stream_handler {
public:
  feed_spawner(caf::actor_system& system, caf::actor ticker,
               router::router_api router);

  caf::actor open_stream(net::stream_request request,
                         net::sink_ptr sink) override;

private:
  caf::actor_system& system_;
  caf::actor ticker_;
  router::router_api router_;
};

} // namespace actors
