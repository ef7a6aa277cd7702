// What msggen's connections share: the schedule (message k is due at
// start + k / rate, until the window closes), how messages group into
// batches, the random ids, the message texts, the counts and the failure
// reasons already told.
//
// Batch b holds messages b*K ... b*K + K - 1 (K = --batch) and goes out when
// its last message is due, so that no message is sent before its time and
// the rate stays one of messages. A batch the window cuts short goes when its
// last message inside the window is due; one whose messages outgrow the
// control port's body limit goes as several POSTs, one right after another.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <set>
#include <string>

#include <boost/asio/ip/tcp.hpp>

#include "msggen_options.hpp"
#include "msggen_totals.hpp"

namespace floodtest {

// One io thread runs every connection, so nothing here needs a lock.
class msggen_plan {
public:
  using clock = std::chrono::steady_clock;

  msggen_plan(const msggen_options& options,
              boost::asio::ip::tcp::endpoint control);

  const msggen_options& options() const { return options_; }
  const boost::asio::ip::tcp::endpoint& endpoint() const { return endpoint_; }
  msggen_totals& totals() { return totals_; }

  clock::time_point due(std::uint64_t k) const;
  // Message k is not sent: the window closed before it was due, or before
  // a sender that fell behind got to it (a backlog sent after the window
  // would make the rate look higher than it was), or a signal ended the run.
  bool is_over(std::uint64_t k) const {
    return stopped_ || due(k) >= deadline_ || clock::now() >= deadline_;
  }

  // Ends the sending window now (a signal came).
  void stop_now();
  // Sets totals().elapsed_s from the sending window.
  void close_window();

  // The message after the last one of k's batch.
  std::uint64_t batch_end(std::uint64_t k) const;
  // When the POST whose first message is k is due (k is not over).
  clock::time_point post_due(std::uint64_t k) const;

  // The body of the POST <prefix>/send whose first message is k: messages k,
  // k + 1, ... to the end of k's batch, less those the window or the body
  // limit leave out; each {"id": <random id>, "msg": "t=<epoch µs>;..."}.
  struct post {
    std::string body;
    std::uint64_t messages = 0;
  };
  post next_post(std::uint64_t k);
  const std::string& send_target() const { return send_target_; }

  // Each connection calls this when it is done; the last one calls `done`.
  void when_done(std::function<void()> done) { when_done_ = std::move(done); }
  void connection_done();

  // Prints a failure's reason the first time it is seen.
  void report_failure(std::size_t connection, const std::string& why);

private:
  // "t=<epoch µs>;msggen #<k> to <id>", padded to --msg-bytes.
  std::string message_text(std::uint64_t k, const std::string& id) const;

  msggen_options options_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::string send_target_;
  clock::time_point start_;
  clock::time_point deadline_; // messages due from then on are not sent
  bool stopped_ = false;       // a signal came: nothing more is sent
  std::mt19937_64 random_;
  std::uniform_int_distribution<std::uint64_t> ids_;
  std::set<std::string> reported_; // failure reasons already printed
  std::size_t finished_ = 0;        // connections done
  std::function<void()> when_done_;
  msggen_totals totals_;
};

} // namespace floodtest
