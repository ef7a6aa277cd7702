#include "router/cluster_service.hpp"

#include <algorithm>
#include <iostream>
#include <numeric>

#include <caf/event_based_actor.hpp>

#include "router/cluster_stats.hpp"
#include "router/fan_out.hpp"
#include "router/secret.hpp"

namespace router {

namespace {

using cluster_ptr = cluster_api::stateful_pointer<cluster_state>;

// How long a worker may take to answer; the control port waits longer, so a
// silent node costs a partial answer, not a 503. A request that crossed a
// node's death (sent before its down message came) waits this long too, so
// stats, which operators poll in such moments, wait less.
constexpr auto node_timeout = std::chrono::milliseconds(2000);
constexpr auto stats_timeout = std::chrono::milliseconds(1000);

std::vector<node_api> agents(const cluster_state& st) {
  std::vector<node_api> out;
  out.reserve(st.nodes.size());
  for (auto& [number, node] : st.nodes)
    out.push_back(node.agent);
  return out;
}

std::uint64_t sum(const std::vector<std::uint64_t>& xs) {
  return std::accumulate(xs.begin(), xs.end(), std::uint64_t{0});
}

auto find_entry(cluster_state& st, const std::string& id,
                std::uint32_t number) {
  auto [first, last] = st.directory.equal_range(id);
  for (; first != last; ++first)
    if (first->second == number)
      return first;
  return st.directory.end();
}

void apply_batch(cluster_state& st, std::uint32_t number,
                 std::vector<std::string>& added,
                 const std::vector<std::string>& removed) {
  for (auto& id : removed)
    if (auto entry = find_entry(st, id, number); entry != st.directory.end())
      st.directory.erase(entry);
  for (auto& id : added)
    if (find_entry(st, id, number) == st.directory.end())
      st.directory.emplace(std::move(id), number);
}

void drop_node(cluster_ptr self, std::uint32_t number) {
  auto& st = self->state;
  auto i = st.nodes.find(number);
  if (i == st.nodes.end())
    return;
  std::erase_if(st.directory,
                [number](auto& entry) { return entry.second == number; });
  auto info = std::move(i->second.info);
  i->second.shares.abandon();
  st.nodes.erase(i);
  st.departed.left(number);
  std::cerr << "caf-comet: node " << info.name << " (pid " << info.pid
            << ") left; its ids are dropped\n";
  if (st.events.left)
    st.events.left(info);
}

// A batch cut into one share per node that holds any of its ids; a message
// to an id that several nodes hold goes into each of their shares.
std::map<std::uint32_t, message_batch>
split_by_holder(const cluster_state& st, const message_batch& batch) {
  std::map<std::uint32_t, message_batch> by_node;
  auto n = std::min(batch.ids.size(), batch.msgs.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto [first, last] = st.directory.equal_range(batch.ids[i]);
    for (; first != last; ++first) {
      auto& share = by_node[first->second];
      share.ids.push_back(batch.ids[i]);
      share.msgs.push_back(batch.msgs[i]);
      if (i < batch.seqs.size())
        share.seqs.push_back(batch.seqs[i]);
    }
  }
  for (auto& [number, share] : by_node)
    share.arrived_unix_ns = batch.arrived_unix_ns;
  return by_node;
}

// Sends what waits for the node once the oldest share has lingered, unless
// a send to it lingers or is on its way; both end by calling this again.
void send_waiting(cluster_ptr self, std::uint32_t number) {
  auto i = self->state.nodes.find(number);
  if (i == self->state.nodes.end() || !i->second.shares.ready())
    return;
  auto due = i->second.shares.oldest() + self->state.send_linger;
  if (auto now = share_queue::clock::now(); now < due) {
    i->second.shares.hold();
    self->delayed_send(self, due - now, linger_atom::value, number);
    return;
  }
  auto taken = i->second.shares.take();
  auto next = [self, number] {
    auto j = self->state.nodes.find(number);
    if (j == self->state.nodes.end())
      return;
    j->second.shares.release();
    send_waiting(self, number);
  };
  self
    ->request(i->second.agent, node_timeout, send_atom::value,
              std::move(taken.shares))
    .then(
      [tallies = taken.tallies, next](std::vector<std::uint64_t>& reached) {
        for (std::size_t k = 0; k < tallies.size(); ++k)
          tallies[k]->add(k < reached.size() ? reached[k] : 0);
        next();
      },
      [tallies = taken.tallies, next](caf::error&) {
        for (auto& tally : tallies)
          tally->add(0);
        next();
      });
}

} // namespace

cluster_api::behavior_type cluster_service(cluster_ptr self, node_events events,
                                           std::string node_address,
                                           history_limits limits,
                                           std::chrono::milliseconds send_linger) {
  auto& st = self->state;
  st.history = message_history{limits};
  st.events = std::move(events);
  st.node_address = std::move(node_address);
  st.send_linger = send_linger;
  st.started = std::chrono::steady_clock::now();
  self->set_down_handler([self](const caf::down_msg& down) {
    for (auto& [number, node] : self->state.nodes)
      if (node.agent.address() == down.source)
        return drop_node(self, number);
  });
  return {
    [self](join_atom, node_info& info, caf::actor& agent) {
      auto& st = self->state;
      // A node asks again when our answer did not reach it in time; it is
      // still the node it was.
      for (auto& [number, node] : st.nodes)
        if (node.agent.address() == agent.address()) {
          std::cerr << "caf-comet: node " << info.name << " (pid " << info.pid
                    << ") joined again\n";
          return std::make_tuple(caf::actor_cast<caf::actor>(self), number);
        }
      auto number = st.next_number++;
      self->monitor(agent);
      std::cerr << "caf-comet: node " << info.name << " (pid " << info.pid
                << ", streams on " << info.address << ") joined\n";
      if (st.events.joined)
        st.events.joined(info);
      st.departed.rejoined(info);
      st.nodes.emplace(number, cluster_state::node{
                                 caf::actor_cast<node_api>(std::move(agent)),
                                 std::move(info), share_queue{}});
      return std::make_tuple(caf::actor_cast<caf::actor>(self), number);
    },
    [self](dir_atom, std::uint32_t number, std::vector<std::string>& added,
           const std::vector<std::string>& removed) {
      auto& st = self->state;
      // A batch that crossed the node's departure is late, not news.
      if (st.nodes.count(number) != 0)
        apply_batch(st, number, added, removed);
    },
    [self](refused_atom, const node_info& info) {
      ++self->state.refused_joins;
      std::cerr << "caf-comet: refused node " << info.name << " (pid "
                << info.pid << "): wrong cookie\n";
    },
    [self](refused_atom, const std::string& why) {
      ++self->state.refused_peers;
      std::cerr << "caf-comet: node port: refused " << why << '\n';
    },
    [self](restarted_atom, std::uint32_t slot, std::uint32_t restarts) {
      self->state.restarts[slot] = restarts;
    },
    [self](linger_atom, std::uint32_t number) {
      if (auto i = self->state.nodes.find(number); i != self->state.nodes.end())
        i->second.shares.release();
      send_waiting(self, number);
    },
    [self](resume_atom, const std::string& id, std::uint64_t after) {
      auto missed = self->state.history.after(id, after);
      std::vector<std::uint64_t> seqs;
      std::vector<std::string> texts;
      for (auto& m : missed.messages) {
        seqs.push_back(m.seq);
        texts.push_back(std::move(m.text));
      }
      return std::make_tuple(std::move(seqs), std::move(texts), missed.gap);
    },
    [self](send_atom, message_batch& batch) {
      auto& st = self->state;
      auto n = std::min(batch.ids.size(), batch.msgs.size());
      batch.seqs.resize(n);
      for (std::size_t i = 0; i < n; ++i)
        batch.seqs[i] = st.history.record(batch.ids[i], batch.msgs[i]);
      auto rp = self->make_response_promise<std::uint64_t>();
      auto shares = split_by_holder(st, batch);
      if (shares.empty()) {
        rp.deliver(std::uint64_t{0});
        return rp;
      }
      auto tally = std::make_shared<send_tally>(send_tally{
        shares.size(),
        [rp](std::uint64_t reached) mutable { rp.deliver(reached); }});
      for (auto& [number, share] : shares) {
        st.nodes.at(number).shares.push(std::move(share), tally);
        send_waiting(self, number);
      }
      return rp;
    },
    [self](broadcast_atom, const std::string& msg, std::int64_t arrived) {
      auto rp = self->make_response_promise<std::uint64_t>();
      fan_out<std::uint64_t>(
        self, agents(self->state), node_timeout,
        [rp](std::vector<std::uint64_t> reached) mutable {
          rp.deliver(sum(reached));
        },
        broadcast_atom::value, msg, arrived);
      return rp;
    },
    [self](stats_atom) {
      auto rp = self->make_response_promise<service_stats>();
      fan_out<service_stats>(
        self, agents(self->state), stats_timeout,
        [self, rp](std::vector<service_stats> answers) mutable {
          rp.deliver(merge_stats(self->state, answers));
        },
        stats_atom::value);
      return rp;
    },
  };
}

caf::behavior cluster_gate(caf::event_based_actor* self, std::string cookie,
                           cluster_api service) {
  return {
    [=](join_atom, const std::string& presented, node_info& info,
        caf::actor& agent) -> caf::result<caf::actor, std::uint32_t> {
      if (!same_secret(presented, cookie)) {
        self->send(service, refused_atom::value, std::move(info));
        return make_error(cluster_error::wrong_cookie);
      }
      return self->delegate(service, join_atom::value, std::move(info),
                            std::move(agent));
    },
  };
}

} // namespace router
