// What caf-comet's exit code means, for operators and supervisors.
#pragma once

namespace app {

constexpr int exit_ok = 0;           // a normal stop
constexpr int exit_cannot_serve = 1; // e.g. a port in use, a worker that failed
constexpr int exit_usage = 2;        // bad usage or configuration (a wrong cookie)
constexpr int exit_actor_lost = 70;  // the ticker or router ended: restart me (EX_SOFTWARE)

} // namespace app
