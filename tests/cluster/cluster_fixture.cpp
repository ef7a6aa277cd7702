#include "cluster_fixture.hpp"

#include <stdexcept>

namespace cluster_test {

cluster::cluster(cluster_options options)
  : options_(std::move(options)),
    node_port_(options_.node_port ? options_.node_port : support::free_port()) {
  app_test::server_options head_options{
    .tick_interval = options_.tick_interval,
    .extra = {"--cluster.workers=" + std::to_string(options_.workers),
              "--cluster.node-port=" + std::to_string(node_port_)},
    .port = options_.port,
    .control_port = options_.control_port,
    .startup = startup};
  head_options.extra.insert(head_options.extra.end(), options_.extra.begin(),
                            options_.extra.end());
  head_ = std::make_unique<app_test::comet_server>(head_options);
}

std::map<std::string, node_figures> cluster::nodes() const {
  std::map<std::string, node_figures> out;
  auto s = stats();
  if (!s.is_object() || !s.contains("nodes"))
    return out;
  for (auto& n : s["nodes"]) {
    if (n["node"] == "head")
      continue;
    out[n["node"].get<std::string>()]
      = {n["pid"].get<pid_t>(), n["address"].get<std::string>(),
         n["connections"].get<std::int64_t>(), n["ids"].get<std::int64_t>(),
         n["restarts"].get<std::int64_t>()};
  }
  return out;
}

bool cluster::wait_for_ids(std::int64_t ids,
                           std::chrono::milliseconds timeout) const {
  return head_->wait_for_stats(
    [ids](const nlohmann::json& s) {
      return app_test::counter(s, "ids") == ids
             && app_test::counter(s, "directory_ids") == ids;
    },
    timeout);
}

std::vector<std::unique_ptr<app_test::stream_client>>
open_streams(std::uint16_t port, const std::string& prefix, int n) {
  std::vector<std::unique_ptr<app_test::stream_client>> out;
  for (int i = 1; i <= n; ++i) {
    out.push_back(std::make_unique<app_test::stream_client>(
      port, prefix + std::to_string(i)));
    if (!out.back()->wait_for_welcome())
      throw std::runtime_error("no welcome on stream " + out.back()->id());
  }
  return out;
}

hand_worker::hand_worker(const cluster& c, const std::string& address,
                         std::vector<std::string> extra, bool wait_ready)
  : port_(0) {
  // Port 0: the worker binds a free one and says which in its ready line; a
  // port found free on 127.0.0.1 may be taken on `address` meanwhile.
  std::vector<std::string> args{
    "--server.address=" + address, "--server.port=0",
    "--server.tick-interval=" + c.options().tick_interval,
    "--cluster.join=127.0.0.1:" + std::to_string(c.node_port())};
  args.insert(args.end(), extra.begin(), extra.end());
  process_ = std::make_unique<support::child_process>(
    support::binary("caf-comet"), args);
  if (!wait_ready)
    return;
  if (!process_->wait_for_output("joined the head", startup))
    throw std::runtime_error("the worker did not join; its output:\n"
                             + process_->output());
  process_->wait_for_output(" listening on " + address + ":", startup);
  auto out = process_->output();
  auto at = out.find(" listening on " + address + ":");
  if (at == std::string::npos)
    throw std::runtime_error("no ready line from the worker:\n" + out);
  port_ = static_cast<std::uint16_t>(
    std::stoul(out.substr(at + 15 + address.size())));
}

} // namespace cluster_test
