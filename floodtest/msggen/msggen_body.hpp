// The body of one POST /send. Unbatched it is one message,
//   {"id":"<id>","msg":"<text>"}
// and batched it holds up to --batch messages,
//   {"messages":[{"id":"<id>","msg":"<text>"},...]}
// never more bytes than the control port takes (max_body_bytes).
#pragma once

#include <cstddef>
#include <string>

namespace floodtest {

class send_body {
public:
  explicit send_body(bool batched);

  // Adds a message if the body stays within max_body_bytes, and says whether
  // it did. The first message always goes in: one message of up to
  // max_msg_bytes fits.
  bool add(const std::string& id, const std::string& msg);

  std::size_t messages() const { return messages_; }

  // The finished body; the object is used up.
  std::string take();

private:
  bool batched_;
  std::size_t messages_ = 0;
  std::string text_;
};

} // namespace floodtest
