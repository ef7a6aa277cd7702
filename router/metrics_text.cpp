#include "router/metrics_text.hpp"

#include <charconv>

namespace router {

namespace {

constexpr std::string_view prefix = "caf_comet_";
constexpr std::string_view node_prefix = "caf_comet_node_";

std::string_view type_name(figure_type t) {
  switch (t) {
    case figure_type::counter: return "counter";
    case figure_type::gauge: return "gauge";
    case figure_type::histogram: return "histogram";
  }
  return "untyped";
}

// The shortest plain decimal that reads back as `x`: "0.0001", not "1e-04",
// so that bucket bounds read as other exporters write them.
std::string number(double x) {
  char buf[400];
  auto end = std::to_chars(buf, buf + sizeof(buf), x, std::chars_format::fixed).ptr;
  return {buf, end};
}

std::string label_value(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c == '\\' || c == '"')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// "{a="x",b="y"}" from constant labels, more labels and nothing else; "" when
// there are none.
std::string braces(std::string_view constant, const std::string& more) {
  std::string inside{constant};
  if (!inside.empty() && !more.empty())
    inside += ',';
  inside += more;
  return inside.empty() ? std::string{} : "{" + inside + "}";
}

class family_writer {
public:
  family_writer(std::string& out, std::string name, const figure& f)
    : out_(out), name_(std::move(name)), f_(f) {
    out_ += "# HELP " + name_ + " " + std::string{f.help} + "\n";
    out_ += "# TYPE " + name_ + " " + std::string{type_name(f.type)} + "\n";
  }

  // One sample (or a histogram's series) under `labels` ("node=\"w1\"" or "").
  void write(const figure_value& value, const std::string& labels) {
    std::visit([&](auto& x) { write_one(x, labels); }, value);
  }

private:
  void sample(std::string_view suffix, const std::string& labels,
              const std::string& value) {
    out_ += name_;
    out_ += suffix;
    out_ += braces(f_.labels, labels);
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }

  void write_one(std::uint64_t x, const std::string& labels) {
    sample("", labels, std::to_string(x));
  }

  void write_one(double x, const std::string& labels) {
    sample("", labels, number(x));
  }

  void write_one(const std::vector<labelled_count>& xs,
                 const std::string& labels) {
    for (auto& x : xs) {
      std::string more = labels;
      for (auto& [name, value] : x.labels)
        more += (more.empty() ? "" : ",") + name + "=\"" + label_value(value)
                + "\"";
      sample("", more, std::to_string(x.value));
    }
  }

  void write_one(const net::histogram_counts& h, const std::string& labels) {
    std::uint64_t cumulative = 0;
    auto bucket_labels = labels.empty() ? labels : labels + ",";
    for (std::size_t i = 0; i <= net::latency_bounds_us.size(); ++i) {
      cumulative += i < h.counts.size() ? h.counts[i] : 0;
      auto le = i < net::latency_bounds_us.size()
                  ? number(static_cast<double>(net::latency_bounds_us[i]) / 1e6)
                  : std::string{"+Inf"};
      sample("_bucket", bucket_labels + "le=\"" + le + "\"",
             std::to_string(cumulative));
    }
    sample("_sum", labels, number(static_cast<double>(h.sum_ns) / 1e9));
    sample("_count", labels, std::to_string(cumulative));
  }

  std::string& out_;
  std::string name_;
  const figure& f_;
};

} // namespace

std::string metrics_text(const service_view& view) {
  std::string out;
  for (auto& f : figures()) {
    if (!shown_for_service(f, view.clustered))
      continue;
    family_writer family{out, std::string{prefix} + std::string{f.name}, f};
    family.write(service_value(f, view), {});
  }
  if (!view.clustered)
    return out;
  for (auto& f : figures()) {
    if ((f.scope & per_node) == 0)
      continue;
    family_writer family{out, std::string{node_prefix} + std::string{f.name},
                         f};
    for (auto& n : view.stats.nodes)
      family.write(node_value(f, n), "node=\"" + label_value(n.node) + "\"");
  }
  return out;
}

} // namespace router
