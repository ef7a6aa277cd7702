#include "router/node_agent.hpp"

namespace router {

namespace {

// The local router and ticker answer at once unless the process is in
// trouble.
constexpr auto local_timeout = std::chrono::seconds(2);

} // namespace

node_api::behavior_type
node_agent(node_api::stateful_pointer<node_agent_state> self,
           router_api router, caf::actor ticker,
           const net::counters* counters, std::string node,
           std::string address) {
  auto& st = self->state;
  st.router = std::move(router);
  st.ticker = std::move(ticker);
  st.counters = counters;
  st.node = std::move(node);
  st.address = std::move(address);
  st.started = std::chrono::steady_clock::now();
  return {
    [self](send_atom, message_batch& batch) {
      return self->delegate(self->state.router, send_atom::value,
                            std::move(batch));
    },
    [self](send_atom, std::vector<message_batch>& batches) {
      return self->delegate(self->state.router, send_atom::value,
                            std::move(batches));
    },
    [self](broadcast_atom, std::string& msg, std::int64_t arrived) {
      return self->delegate(self->state.router, broadcast_atom::value,
                            std::move(msg), arrived);
    },
    [self](stats_atom) {
      auto rp = self->make_response_promise<service_stats>();
      auto failed = [rp](caf::error& err) mutable {
        rp.deliver(std::move(err));
      };
      self->request(self->state.router, local_timeout, stats_atom::value)
        .then(
          [self, rp, failed](std::uint64_t ids, std::uint64_t logged_in,
                             std::uint64_t routed, std::uint64_t history_ids,
                             std::uint64_t history_messages,
                             std::uint64_t history_bytes) mutable {
            auto& st = self->state;
            auto mine = local_node_stats(st.node, st.address, *st.counters,
                                         st.started);
            mine.ids = ids;
            mine.logged_in = logged_in;
            mine.messages_routed = routed;
            mine.history_ids = history_ids;
            mine.history_messages = history_messages;
            mine.history_bytes = history_bytes;
            // Then the ticker: its pending ticks, one per open stream.
            self->request(st.ticker, local_timeout, stats_atom::value)
              .then(
                [rp, mine](std::uint64_t pending, std::uint64_t) mutable {
                  mine.ticking = pending;
                  service_stats out;
                  out.nodes.push_back(std::move(mine));
                  rp.deliver(std::move(out));
                },
                failed);
          },
          failed);
      return rp;
    },
  };
}

} // namespace router
