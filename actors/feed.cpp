#include "actors/feed.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>

#include <caf/actor_cast.hpp>
#include <caf/make_actor.hpp>
#include <caf/make_message.hpp>
#include <caf/monitorable_actor.hpp>
#include <caf/send.hpp>
#include <caf/system_messages.hpp>

#include "actors/atoms.hpp"
#include "actors/spin_lock.hpp"
#include "actors/ticker.hpp"
#include "net/atoms.hpp"

namespace actors {

namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A routed message's time in 4 bytes of the feed: steady-clock ms, wrapping
// every 49 days, read back next to a tick's due time (at most an interval
// away). 0 means "no message", so a true 0 is taken as 1.
std::uint32_t wrapped_ms(clock::time_point t) {
  auto ms = std::chrono::duration_cast<milliseconds>(t.time_since_epoch());
  return std::max<std::uint32_t>(static_cast<std::uint32_t>(ms.count()), 1);
}

clock::time_point unwrap_ms(std::uint32_t ms, clock::time_point near) {
  auto offset = static_cast<std::int32_t>(ms - wrapped_ms(near));
  return std::chrono::time_point_cast<milliseconds>(near) + milliseconds{offset};
}

class feed_actor final : public caf::monitorable_actor,
                         public tick_target,
                         public router::routed_target {
public:
  feed_actor(caf::actor_config& cfg, net::sink_ptr sink, std::string id,
             caf::actor ticker)
    : monitorable_actor(cfg),
      sink_(std::move(sink)),
      id_(std::move(id)),
      ticker_(std::move(ticker)) {
    register_at_system(); // the actor system waits for it on shutdown
  }

  const char* name() const override {
    return "feed";
  }

  void start(const router::router_api& router,
             std::optional<std::uint64_t> resume_after) {
    auto welcome = welcome_text(id_);
    sink_->deliver({net::event_kind::welcome, 0, 0, welcome});
    tell(ticker_, schedule_atom::value, std::int64_t{0});
    if (resume_after)
      caf::send_as(self(), router, router::login_atom::value, id_, self(),
                   *resume_after);
    else
      caf::send_as(self(), router, router::login_atom::value, id_, self());
  }

  // Runs in the sender's thread; no exception may reach the sender.
  void enqueue(caf::mailbox_element_ptr what,
               caf::execution_unit* host) override {
    try {
      if (!handle(what->content(), host))
        refuse(*what, host);
    } catch (const std::exception& e) {
      std::cerr << "caf-comet: a stream's actor failed: " << e.what() << '\n';
      try {
        quit(caf::sec::runtime_error, host);
      } catch (...) { // out of memory twice over: nothing more to be done
      }
    }
  }

  // The last handle is gone without a close or an exit message (only where
  // no socket holds the actor, as in tests).
  void on_destroy() override {
    if (getf(is_cleaned_up_flag))
      return;
    if (sink_)
      sink_->finish();
    sink_ = nullptr;
    if (cleanup(caf::exit_reason::unreachable, nullptr))
      unregister_from_system();
  }

private:
  // Returns false for a message that is not for a feed.
  bool handle(caf::type_erased_tuple& msg, caf::execution_unit* host) {
    if (msg.match_elements<router::router_msg_atom, std::uint64_t,
                                std::string, std::int64_t>())
      on_routed(msg.get_as<std::uint64_t>(1), msg.get_as<std::string>(2),
                msg.get_as<std::int64_t>(3));
    else if (msg.match_elements<router::missed_atom>())
      on_missed();
    else if (msg.match_elements<net::closed_atom>())
      quit(caf::exit_reason::normal, host);
    else if (msg.match_elements<caf::exit_msg>()) {
      // As for any actor that does not trap exits: a normal one is ignored.
      if (auto& reason = msg.get_as<caf::exit_msg>(0).reason)
        quit(reason, host);
    } else {
      return false;
    }
    return true;
  }

  // Not for a feed: a request gets an error, as from any actor.
  void refuse(caf::mailbox_element& what, caf::execution_unit* host) {
    if (what.sender && what.mid.is_request())
      what.sender->enqueue(
        nullptr, what.mid.response_id(),
        caf::make_message(caf::make_error(caf::sec::unexpected_message)), host);
  }

  std::optional<std::int64_t> on_tick(std::int64_t due) noexcept override {
    std::lock_guard guard{lock_};
    if (!sink_)
      return std::nullopt; // ended
    if (restarted_ms_ != 0) {
      // A message came since this tick was set: the interval runs from it.
      auto from = unwrap_ms(restarted_ms_, from_message_time(due));
      restarted_ms_ = 0;
      return message_time(from);
    }
    try {
      auto text = tick_text(n_, id_);
      sink_->deliver({net::event_kind::tick, n_++, 0, text});
    } catch (const std::exception& e) {
      lost("tick", e);
    }
    return due;
  }

  void on_routed(std::uint64_t seq, const std::string& msg,
                 std::int64_t arrived_unix_ns) noexcept override {
    std::lock_guard guard{lock_};
    if (!sink_)
      return; // ended
    try {
      sink_->deliver({net::event_kind::message, n_++, seq, msg,
                      arrived_unix_ns});
    } catch (const std::exception& e) {
      lost("message", e);
    }
    restarted_ms_ = wrapped_ms(clock::now());
  }

  // Out of memory in a call from the ticker or the router, which must go on
  // with the other streams: this stream loses the chunk.
  static void lost(const char* what, const std::exception& e) noexcept {
    std::cerr << "caf-comet: a stream's " << what << " was lost: " << e.what()
              << '\n';
  }

  // Not an event of the seed's stream: it neither counts N nor restarts the
  // interval.
  void on_missed() {
    std::lock_guard guard{lock_};
    if (sink_)
      sink_->deliver({net::event_kind::reset, n_, 0, missed_text});
  }

  // Ends the actor once. A normal `reason` means the socket closed: the
  // stream is over already; any other ends it with its last chunk.
  void quit(caf::error reason, caf::execution_unit* host) {
    net::sink_ptr sink;
    {
      std::lock_guard guard{lock_};
      sink.swap(sink_);
    }
    if (!sink)
      return;
    if (reason)
      sink->finish();
    // The ticker takes the cancel after the tick it may be giving this feed
    // right now (on_tick runs under the lock), so it also drops the tick
    // that one re-armed; the first schedule, too, went before it.
    tell(ticker_, cancel_atom::value);
    if (cleanup(std::move(reason), host))
      unregister_from_system();
  }

  caf::actor self() {
    return caf::actor_cast<caf::actor>(this);
  }

  // Sends as this actor: the ticker knows its streams by sender.
  template <class... Ts>
  void tell(const caf::actor& to, Ts&&... xs) {
    caf::send_as(self(), to, std::forward<Ts>(xs)...);
  }

  // Paid once per stream: each field says why it must be here.
  net::sink_ptr sink_;                     // the socket side; null: ended
  std::string id_;                         // echoed in every chunk
  caf::actor ticker_;                      // times the intervals
  std::uint32_t n_ = 1;                    // the article's N
  std::uint32_t restarted_ms_ = 0;         // the last routed message since the
                                           // pending tick (wrapped_ms), 0: none
  spin_lock lock_; // guards sink_, n_ and restarted_ms_: messages come from
                   // the ticker, the router and the io threads at once
};

} // namespace

caf::actor spawn_feed(caf::actor_system& system, net::sink_ptr sink,
                      net::stream_request request, caf::actor ticker,
                      const router::router_api& router) {
  caf::actor_config cfg;
  auto feed = caf::make_actor<feed_actor, caf::actor>(
    system.next_actor_id(), system.node(), &system, cfg, std::move(sink),
    std::move(request.id), std::move(ticker));
  static_cast<feed_actor*>(caf::actor_cast<caf::abstract_actor*>(feed))
    ->start(router, request.resume_after);
  return feed;
}

std::string welcome_text(const std::string& id) {
  return "Mochiconntest welcomes you! Your Id: " + id + "\n";
}

std::string tick_text(std::uint32_t n, const std::string& id) {
  return "Chunk " + std::to_string(n) + " for id " + id + "\n";
}


} // namespace actors
