// The message net/ sends to a stream's actor: the client or the server closed
// the socket, the actor may go.
#pragma once

#include <caf/atom.hpp>

namespace net {

using closed_atom = caf::atom_constant<caf::atom("closed")>;

} // namespace net
