// floodtest: opens many streaming HTTP GETs and counts what arrives, as the
// seed's floodtest.erl does. main wires config -> actor system -> actors ->
// the io thread, and prints the summary when a stop condition comes.
#include <malloc.h>

#include <csignal>
#include <iostream>

#include <boost/asio/signal_set.hpp>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "children.hpp"
#include "net/fd_limit.hpp"
#include "options.hpp"
#include "receiver.hpp"
#include "report_timer.hpp"
#include "stream_pool.hpp"
#include "url_loader.hpp"

namespace {

using namespace floodtest;

int run_flood(floodtest_config& cfg, const run_options& opt) {
  caf::actor_system system{cfg};
  auto tick_ms = std::chrono::duration_cast<std::chrono::milliseconds>(opt.tick);
  auto recv = system.spawn(receiver,
                           receiver_settings{
                             static_cast<std::uint32_t>(tick_ms.count()),
                             opt.is_child()});
  stream_pool pool{{opt.sources, opt.slice_index, opt.tick, opt.connect_timeout,
                    opt.max_connecting, opt.transport},
                   recv};
  auto loader = system.spawn(url_loader,
                             url_loader_settings{opt.url_file, opt.wait,
                                                 opt.slice_index,
                                                 opt.slice_count, opt.transport,
                                                 &pool, recv});
  caf::actor timer;
  if (opt.report_interval.count() > 0)
    timer = system.spawn(report_timer, opt.report_interval, recv);
  boost::asio::signal_set signals{pool.context(), SIGINT, SIGTERM};
  signals.async_wait([&pool](auto ec, int) {
    if (!ec)
      pool.stop();
  });
  stream_pool::timer_type deadline{pool.context().get_executor()};
  if (opt.duration.count() > 0) {
    deadline.expires_after(opt.duration);
    deadline.async_wait([&pool](auto ec) {
      if (!ec)
        pool.stop();
    });
  }
  pool.run();
  {
    caf::scoped_actor self{system};
    self->request(recv, caf::infinite, finish_atom::value)
      .receive([](done_atom) {},
               [](caf::error& err) {
                 std::cerr << "floodtest: " << caf::to_string(err) << '\n';
               });
  }
  // The loader calls into the pool: it must be gone before the pool is.
  for (auto& actor : {loader, timer, recv})
    if (actor)
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
  system.await_all_actors_done();
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  // One malloc arena: the CAF threads allocate little, and an arena of their
  // own would cost its pages in each of the ~53 processes of a million
  // streams.
  mallopt(M_ARENA_MAX, 1);
  floodtest_config cfg;
  auto cmd = parse_command_line(cfg, argc, argv);
  if (!cmd.run)
    return cmd.exit_code;
  // Every stream is a file descriptor; take all the kernel allows us.
  net::raise_fd_limit();
  if (cmd.options.processes > 1)
    return run_children(cmd.options);
  return run_flood(cfg, cmd.options);
}
