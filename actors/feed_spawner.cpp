#include "actors/feed_spawner.hpp"

#include "actors/feed.hpp"

namespace actors {

feed_spawner::feed_spawner(caf::actor_system& system, caf::actor ticker,
                           router::router_api router)
  : system_(system), ticker_(std::move(ticker)), router_(std::move(router)) {
}

caf::actor feed_spawner::open_stream(std::string id,
                                     std::shared_ptr<net::stream_sink> sink) {
  return system_.spawn(feed, std::move(sink), std::move(id), ticker_,
                       router_);
}

} // namespace actors
