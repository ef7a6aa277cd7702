// The one actor through which the control port asks the service. A
// short-lived actor per request (spawned, registered, torn down) and a CAF
// request timeout per request (set and cancelled by CAF's clock thread: two
// wake-ups of it) cost more than the rest of a POST /send together; here
// each request is one message to a long-lived actor, its question asked
// without a CAF timeout, and one sweep a second answers 503 to those left
// unanswered longer than the service timeout.
#pragma once

#include <chrono>
#include <functional>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/event_based_actor.hpp>

#include "net/control_handler.hpp"

namespace router {

// Asks the service from the asker; the reply it is given answers at most
// once (a late answer after the sweep's 503 is dropped).
using ask_job = std::function<void(caf::event_based_actor* self,
                                   net::control_reply once)>;

// Runs a job per {ask_job, reply} message. Hidden: it does not hold up the
// actor system's shutdown; its owner ends it.
caf::actor spawn_control_asker(caf::actor_system& system,
                               std::chrono::seconds timeout);

} // namespace router

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(::router::ask_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(::net::control_reply)
