// The actors every stream of a process depends on: the ticker (the schedule
// of every stream's next chunk) and the router (which stream holds which id).
// If one ends while the process serves, it cannot be restarted safely: its
// state is the only record of every stream, so a new one would silently
// miss them. The process ends instead, with exit_actor_lost and a clear
// line, so that its supervisor (the cluster's head, systemd) starts it anew
// and clients reconnect to a whole server.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace app {

using named_actor = std::pair<std::string, caf::actor>;

// Monitors `vital`; `on_lost` gets a line naming the actor and its exit
// reason, from a CAF thread, when one ends for any reason but a shutdown.
// The returned watcher ends with the actors' shutdown.
caf::actor watch_vital_actors(caf::actor_system& system,
                              std::vector<named_actor> vital,
                              std::function<void(const std::string&)> on_lost);

} // namespace app
