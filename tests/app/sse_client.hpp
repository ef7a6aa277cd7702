// A test client of one SSE stream (GET /sse/<Id>): its events, each the
// text before its blank line, read with bounded waits.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http_bytes.hpp"
#include "support/client.hpp"

namespace app_test {

class sse_client {
public:
  sse_client(std::uint16_t port, const std::string& target,
             const std::string& fields = "");

  std::vector<std::string> events() const;

  // Waits until `n` events came (or a few seconds passed); returns them.
  std::vector<std::string> wait_for(std::size_t n);

  std::optional<response_head> head() const { return parse_head(socket_.data()); }
  support::raw_client& socket() { return socket_; }

private:
  support::raw_client socket_;
};

// The seq of a message event ("id: <seq>\n..."), "" if it has none.
std::string seq_of(const std::string& event);

} // namespace app_test
