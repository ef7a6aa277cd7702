// The URL loader process of the seed's floodtest: reads the URL file one
// line per wait and hands each URL to the io side. Bad lines are reported
// with their line number and skipped; names are resolved here, where a slow
// lookup delays only the loading, not the streams.
#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "resolver_cache.hpp"
#include "stream_opener.hpp"
#include "transport.hpp"

namespace floodtest {

struct url_loader_settings {
  std::string path;
  std::chrono::milliseconds wait{0};
  std::size_t slice_index = 0; // this loader takes the lines where
  std::size_t slice_count = 1; // (line - 1) % slice_count == slice_index
  floodtest::transport transport = floodtest::transport::chunked;
  stream_opener* opener = nullptr; // outlives the actor (main waits for it)
  caf::actor receiver; // told about URLs that fail before the io side
};

struct url_loader_state {
  url_loader_settings settings;
  std::ifstream file;
  std::uint64_t line_number = 0;
  std::uint64_t opened = 0; // URL n is due at origin + n * wait
  std::chrono::steady_clock::time_point origin;
  resolver_cache resolver;
  std::mt19937_64 nonces{std::random_device{}()}; // WebSocket keys

  static inline const char* name = "url-loader";
};

caf::behavior url_loader(caf::stateful_actor<url_loader_state>* self,
                         url_loader_settings settings);

} // namespace floodtest
