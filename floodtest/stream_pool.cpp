#include "stream_pool.hpp"

#include <boost/asio/post.hpp>
#include <caf/send.hpp>

namespace floodtest {

namespace {

namespace asio = boost::asio;

// How long events gather before they go to the receiver in one message.
// Each flush wakes this thread and the receiver's: at a million streams, 61
// processes flushing every 20 ms made up to 6,000 wake-ups a second on two
// cores. Figures are printed every second at most, and the timings are
// taken when the bytes are read, so they do not wait for it.
constexpr auto flush_delay = std::chrono::milliseconds{100};

// How often hanging connects are looked for; a timeout is this late at most.
constexpr auto sweep_interval = std::chrono::milliseconds{250};

constexpr std::chrono::microseconds tick_unit{100};

} // namespace

stream_pool::stream_pool(pool_settings settings, caf::actor receiver)
  // Sockets are used on this thread only; other threads only post.
  : context_(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO),
    settings_(std::move(settings)),
    receiver_(std::move(receiver)),
    tick_ticks_(static_cast<std::uint32_t>(settings_.tick / tick_unit)),
    read_buffer_(std::make_unique_for_overwrite<char[]>(read_buffer_size)),
    next_source_(settings_.first_source),
    deadline_timer_(context_.get_executor()),
    flush_timer_(context_.get_executor()) {
}

stream_pool::~stream_pool() = default;

void stream_pool::open(open_request request) {
  ++backlog_;
  asio::post(context_, [this, request = std::move(request)]() mutable {
    ++events_.opened;
    touch();
    if (connecting_ < settings_.max_connecting && waiting_.empty())
      start(std::move(request));
    else
      waiting_.push_back(std::move(request));
  });
}

void stream_pool::run() {
  // Idle until the first URL arrives is not the end of the run.
  auto guard = asio::make_work_guard(context_);
  context_.run();
}

void stream_pool::stop() {
  asio::post(context_, [this] {
    flush();
    context_.stop();
  });
}

std::uint32_t stream_pool::now_ticks() const {
  return static_cast<std::uint32_t>((clock::now() - started_at_) / tick_unit);
}

void stream_pool::start(open_request request) {
  --backlog_;
  ++connecting_;
  auto stream = stream_client::create(*this, std::move(request.request));
  deadlines_.push_back({stream, clock::now() + settings_.connect_timeout});
  if (!sweeping_) {
    sweeping_ = true;
    sweep_deadlines();
  }
  const boost::asio::ip::address_v4* source = nullptr;
  if (!settings_.sources.empty())
    source = &settings_.sources[next_source_++ % settings_.sources.size()];
  stream->start(request.endpoint, source);
}

void stream_pool::connect_settled() {
  --connecting_;
  // Started from a fresh handler, not from inside the stream that settled:
  // streams failing at once (EMFILE) must not recurse into each other.
  if (!waiting_.empty() && !start_posted_) {
    start_posted_ = true;
    asio::post(context_, [this] { start_waiting(); });
  }
}

void stream_pool::start_waiting() {
  start_posted_ = false;
  while (connecting_ < settings_.max_connecting && !waiting_.empty()) {
    auto request = std::move(waiting_.front());
    waiting_.pop_front();
    start(std::move(request));
  }
}

void stream_pool::sweep_deadlines() {
  // Streams settle about in the order they started: the front ones that
  // stream or ended leave the queue with those whose time is up, so that it
  // holds little more than the streams still connecting.
  auto now = clock::now();
  while (!deadlines_.empty()
         && (deadlines_.front().at <= now
             || !deadlines_.front().stream->connecting())) {
    deadlines_.front().stream->time_out(); // a settled stream ignores it
    deadlines_.pop_front();
  }
  if (deadlines_.empty()) {
    sweeping_ = false;
    return;
  }
  deadline_timer_.expires_after(sweep_interval);
  deadline_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec)
      sweep_deadlines();
  });
}

void stream_pool::record_started() {
  ++events_.started;
  touch();
}

void stream_pool::record_chunk() {
  ++events_.chunks;
  touch();
}

void stream_pool::record_close(const stream_close& close) {
  events_.closes.push_back(close);
  touch();
}

void stream_pool::record_lateness(std::uint32_t ms) {
  events_.lateness_ms.push_back(ms);
  touch();
}

void stream_pool::record_delivery(std::uint32_t ms) {
  events_.delivery_ms.push_back(ms);
  touch();
}

void stream_pool::record_gap() {
  ++events_.gaps;
  touch();
}

void stream_pool::touch() {
  if (flush_armed_)
    return;
  flush_armed_ = true;
  flush_timer_.expires_after(flush_delay);
  flush_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec)
      flush();
  });
}

void stream_pool::flush() {
  flush_armed_ = false;
  if (events_.empty())
    return;
  caf::anon_send(receiver_, std::move(events_));
  events_ = stream_events{};
}

} // namespace floodtest
