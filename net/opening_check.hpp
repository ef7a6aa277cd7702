// How a guarded port judges a peer by its first bytes (see guarded_relay).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace net {

struct opening_verdict {
  enum class kind { need_more, accept, refuse };
  kind what = kind::need_more;
  std::string reason; // why, when refused
};

// Called with every byte the peer has sent so far, until it accepts or
// refuses. It must refuse rather than ask for more without bound.
using opening_check = std::function<opening_verdict(std::string_view opening)>;

} // namespace net
