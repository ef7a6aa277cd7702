// The router's interface, as the connection actors and the control port see
// it: a typed actor handle. Each process of the service has its own local
// router: deliveries stay local, and a worker tells the cluster's head which
// ids it holds through the watch messages. Mirrors the article's Part 2
// router.erl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

namespace router {

using login_atom = caf::atom_constant<caf::atom("login")>;
using logout_atom = caf::atom_constant<caf::atom("logout")>;
using send_atom = caf::atom_constant<caf::atom("send")>;
using broadcast_atom = caf::atom_constant<caf::atom("broadcast")>;
using stats_atom = caf::atom_constant<caf::atom("stats")>;
// router -> connection: {router_msg_atom, seq, text, arrived_unix_ns}: a
// message for its id, with its seq in the id's history (0 for a broadcast,
// which is not kept) and the time its control request arrived (system
// clock; 0: unknown, as for a message replayed from the history).
using router_msg_atom = caf::atom_constant<caf::atom("router_msg")>;
// A connection the router hands a routed message without an actor message:
// the router calls on_routed in its own thread (where a feed would handle
// the message anyway), which spares a mailbox element per stream reached.
// Any other connection actor is sent {router_msg_atom, ...}.
class routed_target {
public:
  // The arguments of {router_msg_atom, seq, text, arrived_unix_ns}.
  virtual void on_routed(std::uint64_t seq, const std::string& text,
                         std::int64_t arrived_unix_ns) noexcept = 0;

protected:
  ~routed_target() = default;
};
// router -> connection: {missed_atom}: a resumed connection missed messages
// that the history no longer holds.
using missed_atom = caf::atom_constant<caf::atom("missed")>;
using watch_atom = caf::atom_constant<caf::atom("watch")>;
// router -> history source: {resume_atom, id, after} -> (seqs, texts, gap):
// what a resuming connection of `id` missed after seq `after`.
using resume_atom = caf::atom_constant<caf::atom("resume")>;
using history_atom = caf::atom_constant<caf::atom("history")>;
// router -> watcher: {ids_atom, every id now}, then {id_up_atom, id} when an id
// gets its first connection and {id_down_atom, id} when it loses its last.
using ids_atom = caf::atom_constant<caf::atom("ids")>;
using id_up_atom = caf::atom_constant<caf::atom("id_up")>;
using id_down_atom = caf::atom_constant<caf::atom("id_down")>;

// Several messages in one request, as the control port's batch /send takes
// them: msgs[i] goes to ids[i]. Two columns rather than a vector of pairs so
// that it crosses the node port as two plain string vectors. The arrival
// time travels with the batch (not with each connection) so that the
// delivery can be timed where the chunk is written.
struct message_batch {
  std::vector<std::string> ids;
  std::vector<std::string> msgs;
  // Each message's seq, when a cluster's head gave them (it keeps the
  // history); empty: the router that delivers them gives them and keeps it.
  std::vector<std::uint64_t> seqs;
  std::int64_t arrived_unix_ns = 0; // the control request's, 0: unknown
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, message_batch& x) {
  return f(caf::meta::type_name("message_batch"), x.ids, x.msgs, x.seqs,
           x.arrived_unix_ns);
}

using router_api = caf::typed_actor<
  // login(Id, Connection): the router monitors the connection and logs it
  // out when it ends, as router.erl links to it.
  caf::reacts_to<login_atom, std::string, caf::actor>,
  // login(Id, Connection, Seq): the same for a client that resumes after
  // message Seq: it first gets what it missed of the id's history.
  caf::reacts_to<login_atom, std::string, caf::actor, std::uint64_t>,
  // logout(Connection): forget every id of the connection.
  caf::reacts_to<logout_atom, caf::actor>,
  // send(Id, Msg) -> connections reached.
  caf::replies_to<send_atom, std::string, std::string>::with<std::uint64_t>,
  // send(Batch) -> connections reached, summed over its messages.
  caf::replies_to<send_atom, message_batch>::with<std::uint64_t>,
  // send(Batches) -> connections reached by each batch, in order.
  caf::replies_to<send_atom, std::vector<message_batch>>::with<
    std::vector<std::uint64_t>>,
  // broadcast(Msg, arrived_unix_ns) -> connections reached.
  caf::replies_to<broadcast_atom, std::string, std::int64_t>::with<std::uint64_t>,
  // history(Source): a cluster's head keeps the history; resuming
  // connections get what they missed from Source (see resume_atom).
  caf::reacts_to<history_atom, caf::actor>,
  // watch(Watcher): from now on the router tells Watcher which ids it holds
  // (see ids_atom); a later watch replaces the watcher and starts anew.
  caf::reacts_to<watch_atom, caf::actor>,
  // -> {ids, connections, messages routed, history ids, history messages,
  //     history bytes}
  caf::replies_to<stats_atom>::with<std::uint64_t, std::uint64_t,
                                     std::uint64_t, std::uint64_t,
                                     std::uint64_t, std::uint64_t>>;

} // namespace router
