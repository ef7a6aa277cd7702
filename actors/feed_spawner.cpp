#include "actors/feed_spawner.hpp"

#include "actors/feed.hpp"

namespace actors {

feed_spawner::feed_spawner(caf::actor_system& system, caf::actor ticker,
                           router::router_api router)
  : system_(system), ticker_(std::move(ticker)), router_(std::move(router)) {
}

caf::actor feed_spawner::open_stream(net::stream_request request,
                                     net::sink_ptr sink) {
  return spawn_feed(system_, std::move(sink), std::move(request), ticker_,
                    router_);
}

} // namespace actors
