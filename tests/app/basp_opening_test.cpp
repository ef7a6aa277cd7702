// The node port's check of a peer's first bytes, on the bytes CAF 0.17's
// client handshake is made of and on what a stranger might send instead.
#include "app/basp_opening.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using kind = net::opening_verdict::kind;

// A client handshake header: operation 1, no flags, `payload` bytes to come.
std::string handshake_header(std::uint32_t payload, std::uint8_t flags = 0) {
  std::string h(32, '\0');
  h[0] = 0x01;
  h[3] = static_cast<char>(flags);
  for (int i = 0; i < 4; ++i)
    h[4 + i] = static_cast<char>((payload >> (8 * (3 - i))) & 0xff);
  return h;
}

TEST(BaspOpening, AWholeHandshakeIsAcceptedAndAPartOneWaitsForMore) {
  auto whole = handshake_header(25) + std::string(25, 'n');
  EXPECT_EQ(app::check_basp_opening(whole).what, kind::accept);
  EXPECT_EQ(app::check_basp_opening(whole + "next message").what, kind::accept);
  EXPECT_EQ(app::check_basp_opening(handshake_header(25, 0x02) + std::string(25, 'n')).what,
            kind::accept);
  for (std::size_t n : {0u, 1u, 31u, 32u, 56u})
    EXPECT_EQ(app::check_basp_opening(whole.substr(0, n)).what, kind::need_more) << n;
}

TEST(BaspOpening, ATextProtocolIsRefusedAtItsFirstByte) {
  auto v = app::check_basp_opening("G");
  EXPECT_EQ(v.what, kind::refuse);
  EXPECT_NE(v.reason.find("first byte 71"), std::string::npos) << v.reason;
}

TEST(BaspOpening, AMalformedHeaderIsRefusedWithTheReason) {
  auto flagged = handshake_header(25, 0x01);
  EXPECT_EQ(app::check_basp_opening(flagged).reason, "malformed handshake header");
  auto with_actor = handshake_header(25);
  with_actor[31] = 7;
  EXPECT_EQ(app::check_basp_opening(with_actor).what, kind::refuse);
  auto padded = handshake_header(25);
  padded[1] = 1;
  EXPECT_EQ(app::check_basp_opening(padded).what, kind::refuse);
}

TEST(BaspOpening, APayloadOutOfBoundsIsRefusedBeforeItIsRead) {
  EXPECT_EQ(app::check_basp_opening(handshake_header(0)).what, kind::refuse);
  auto huge = app::check_basp_opening(handshake_header(0x7fffffff));
  EXPECT_EQ(huge.what, kind::refuse);
  EXPECT_NE(huge.reason.find("2147483647"), std::string::npos) << huge.reason;
}

} // namespace
