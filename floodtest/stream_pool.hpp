// The io side of floodtest: one io_context, run on one thread, holds every
// stream. It owns what streams share (one read buffer, the clock, the source
// address rotation), limits how many connect at once, times out the ones
// that hang, and batches their events for the receiver actor.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/steady_timer.hpp>
#include <caf/actor.hpp>

#include "events.hpp"
#include "small_pool.hpp"
#include "stream_client.hpp"
#include "stream_opener.hpp"
#include "transport.hpp"

namespace floodtest {

struct pool_settings {
  std::vector<boost::asio::ip::address_v4> sources; // empty: kernel chooses
  std::size_t first_source = 0;   // children start the rotation apart
  std::chrono::nanoseconds tick{0}; // the server's tick; 0: not timed
  std::chrono::nanoseconds connect_timeout{std::chrono::seconds{10}};
  std::size_t max_connecting = 1000;
  floodtest::transport transport = floodtest::transport::chunked;
};

class stream_pool final : public stream_opener {
public:
  using clock = std::chrono::steady_clock;
  using timer_type
    = boost::asio::basic_waitable_timer<clock, boost::asio::wait_traits<clock>,
                                        boost::asio::io_context::executor_type>;

  stream_pool(pool_settings settings, caf::actor receiver);
  ~stream_pool() override;

  boost::asio::io_context& context() { return context_; }

  // The io thread's memory for streams and their pending operations.
  small_pool& memory() { return memory_; }

  // Thread-safe.
  void open(open_request request) override;
  std::size_t backlog() const override { return backlog_; }

  // Runs the io thread until stop().
  void run();

  // Thread-safe: sends the last events to the receiver and ends run().
  void stop();

  // -- for stream_client, on the io thread ------------------------------------

  // The one read buffer: a stream reads into it and parses it at once.
  std::span<char> read_buffer() {
    return {read_buffer_.get(), read_buffer_size};
  }

  // Time since start in 100 µs units: fine enough for 1 ms buckets, and a
  // uint32 per stream lasts 119 hours.
  std::uint32_t now_ticks() const;
  std::uint32_t tick_ticks() const { return tick_ticks_; }

  floodtest::transport transport() const { return settings_.transport; }

  // A fresh key for masking a frame the client sends.
  std::uint32_t mask_key() { return static_cast<std::uint32_t>(mask_keys_()); }

  void record_started();
  void record_chunk();
  void record_close(const stream_close& close);
  void record_lateness(std::uint32_t ms);
  void record_delivery(std::uint32_t ms);
  void record_gap();

  // A stream stopped connecting (it streams or failed): room for the next.
  void connect_settled();

private:
  struct deadline {
    stream_ptr stream;
    clock::time_point at;
  };

  void start_waiting();
  void start(open_request request);
  void sweep_deadlines();
  void touch();
  void flush();

  // Destroyed last: the io_context's pending operations and the streams they
  // own live in it.
  small_pool memory_;
  // Destroyed next to last: its pending handlers own the streams. Streams
  // touch no pool state but memory_ when they are destroyed.
  boost::asio::io_context context_;
  pool_settings settings_;
  caf::actor receiver_;
  clock::time_point started_at_ = clock::now();
  std::uint32_t tick_ticks_ = 0;
  // Large enough to drain any socket in one read: a stream's chunks are
  // small. Not zeroed: its pages cost memory only once a read reaches them.
  static constexpr std::size_t read_buffer_size = 64 * 1024;
  std::unique_ptr<char[]> read_buffer_;
  std::mt19937 mask_keys_{std::random_device{}()};
  std::size_t next_source_ = 0;
  std::size_t connecting_ = 0;
  std::deque<open_request> waiting_;
  std::atomic<std::size_t> backlog_{0};
  bool start_posted_ = false;
  std::deque<deadline> deadlines_;
  timer_type deadline_timer_;
  bool sweeping_ = false;
  stream_events events_;
  timer_type flush_timer_;
  bool flush_armed_ = false;
};

} // namespace floodtest
