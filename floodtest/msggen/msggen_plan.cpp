#include "msggen_plan.hpp"

#include <algorithm>
#include <iostream>

#include "msggen_body.hpp"

namespace floodtest {

msggen_plan::msggen_plan(const msggen_options& options,
                         boost::asio::ip::tcp::endpoint control)
  : options_(options),
    endpoint_(std::move(control)),
    start_(clock::now()),
    random_(std::random_device{}()),
    ids_(options.first_id, options.last_id) {
  auto prefix = options.control.target;
  while (!prefix.empty() && prefix.back() == '/')
    prefix.pop_back();
  send_target_ = prefix + "/send";
  deadline_ = options.duration.count() > 0
                ? start_ + options.duration
                : clock::time_point::max();
  totals_.rate_asked = options.rate;
  totals_.connections = options.connections;
  totals_.batch = options.batch;
}

msggen_plan::clock::time_point msggen_plan::due(std::uint64_t k) const {
  auto offset = std::chrono::duration<double>(static_cast<double>(k)
                                              / options_.rate);
  return start_ + std::chrono::duration_cast<clock::duration>(offset);
}

void msggen_plan::stop_now() {
  stopped_ = true;
  deadline_ = std::min(deadline_, clock::now());
}

void msggen_plan::close_window() {
  // The window is --duration unless a signal ended it early; without a
  // duration it ends with the last answer.
  auto end = deadline_ != clock::time_point::max() ? deadline_ : clock::now();
  totals_.elapsed_s = std::chrono::duration<double>(end - start_).count();
}

std::uint64_t msggen_plan::batch_end(std::uint64_t k) const {
  return (k / options_.batch + 1) * options_.batch;
}

msggen_plan::clock::time_point msggen_plan::post_due(std::uint64_t k) const {
  auto last = batch_end(k) - 1;
  while (last > k && is_over(last))
    --last;
  return due(last);
}

msggen_plan::post msggen_plan::next_post(std::uint64_t k) {
  send_body body{options_.batch > 1};
  for (auto end = batch_end(k); k < end && !is_over(k); ++k) {
    auto id = std::to_string(ids_(random_));
    if (!body.add(id, message_text(k, id)))
      break;
  }
  auto messages = body.messages();
  return {body.take(), messages};
}

std::string msggen_plan::message_text(std::uint64_t k,
                                      const std::string& id) const {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
    std::chrono::system_clock::now().time_since_epoch());
  // floodtest reads the stamp: "t=<epoch µs>;" must open the message.
  auto msg = "t=" + std::to_string(micros.count()) + ";msggen #"
             + std::to_string(k) + " to " + id;
  if (msg.size() < options_.msg_bytes)
    msg.append(options_.msg_bytes - msg.size(), '.');
  return msg;
}

void msggen_plan::connection_done() {
  if (++finished_ == options_.connections && when_done_)
    when_done_();
}

void msggen_plan::report_failure(std::size_t connection,
                                 const std::string& why) {
  // A dead control port fails every request the same way: say it once.
  constexpr std::size_t max_reasons = 20;
  if (reported_.size() >= max_reasons || !reported_.insert(why).second)
    return;
  std::cerr << "msggen: connection " << connection + 1 << " to " << endpoint_
            << ": " << why
            << (reported_.size() == max_reasons
                  ? " (further failure reasons not shown)"
                  : "")
            << '\n';
}

} // namespace floodtest
