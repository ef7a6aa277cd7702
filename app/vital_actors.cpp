#include "app/vital_actors.hpp"

#include <caf/event_based_actor.hpp>

namespace app {

caf::actor watch_vital_actors(caf::actor_system& system,
                              std::vector<named_actor> vital,
                              std::function<void(const std::string&)> on_lost) {
  return system.spawn([vital = std::move(vital), on_lost = std::move(on_lost)](
                        caf::event_based_actor* self) {
    for (auto& [name, actor] : vital)
      self->monitor(actor);
    self->set_down_handler([self, vital, on_lost](caf::down_msg& down) {
      if (down.reason == caf::exit_reason::user_shutdown)
        return;
      for (auto& [name, actor] : vital)
        if (actor.address() == down.source)
          on_lost("the " + name + " ended unexpectedly ("
                  + self->system().render(down.reason) + ")");
    });
    return caf::behavior{[](caf::unit_t) {}};
  });
}

} // namespace app
