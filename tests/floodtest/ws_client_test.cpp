// What floodtest writes on a WebSocket: the upgrade request and its key,
// masked control frames; and how --transport turns the URL file's targets.
#include "transport.hpp"
#include "url.hpp"
#include "ws_client_frames.hpp"
#include "ws_handshake.hpp"

#include <array>
#include <string>

#include <gtest/gtest.h>

using namespace floodtest;

TEST(floodtest_transport, turns_the_seeds_targets) {
  EXPECT_EQ(transport_target("/test/42", transport::chunked), "/test/42");
  EXPECT_EQ(transport_target("/test/42", transport::sse), "/sse/42");
  EXPECT_EQ(transport_target("/test/42?x=1", transport::ws), "/ws/42?x=1");
  EXPECT_EQ(transport_target("/other/42", transport::ws), "/other/42");
  EXPECT_EQ(parse_transport("sse"), transport::sse);
  EXPECT_EQ(parse_transport("ws"), transport::ws);
  EXPECT_EQ(parse_transport("chunked"), transport::chunked);
  EXPECT_FALSE(parse_transport("websocket"));
}

TEST(floodtest_transport, chunked_asks_as_ever_and_sse_its_path) {
  http_url url;
  std::string why;
  ASSERT_TRUE(parse_url("http://127.0.0.1:8000/test/7", url, why)) << why;
  EXPECT_EQ(make_stream_request(url, transport::chunked, 1, 2),
            make_request(url));
  EXPECT_EQ(make_stream_request(url, transport::sse, 1, 2),
            "GET /sse/7 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n");
}

// RFC 6455 1.3's example: the nonce "the sample nonce".
TEST(floodtest_ws_handshake, the_key_is_the_nonces_base64) {
  EXPECT_EQ(ws_key(0x7468652073616d70, 0x6c65206e6f6e6365),
            "dGhlIHNhbXBsZSBub25jZQ==");
  EXPECT_EQ(ws_key(0, 0), "AAAAAAAAAAAAAAAAAAAAAA==");
}

TEST(floodtest_ws_handshake, asks_to_upgrade) {
  http_url url;
  std::string why;
  ASSERT_TRUE(parse_url("http://localhost:8000/test/7", url, why)) << why;
  EXPECT_EQ(make_stream_request(url, transport::ws, 0x7468652073616d70,
                                0x6c65206e6f6e6365),
            "GET /ws/7 HTTP/1.1\r\nHost: localhost:8000\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n");
}

TEST(floodtest_ws_client_frames, a_pong_is_masked_and_unmasks_to_its_payload) {
  constexpr std::uint32_t key = 0x37fa213d; // RFC 6455 5.7's example key
  std::string frame(control_header_size + 5, '\0');
  auto size = write_control_frame(frame, ws_opcode::pong, "Hello", key);
  ASSERT_EQ(size, frame.size());
  // RFC 6455 5.7: a masked "Hello", here as a pong.
  EXPECT_EQ(frame, std::string("\x8a\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58",
                               11));
  EXPECT_EQ(mask_key_of(frame), key);
}

TEST(floodtest_ws_client_frames, masks_a_payload_piece_by_piece) {
  constexpr std::uint32_t key = 0x01020304;
  std::string whole = "a payload of some length";
  std::string pieces = whole;
  mask_payload(whole, key, 0);
  for (std::size_t pos = 0; pos < pieces.size(); pos += 3)
    mask_payload(std::span{pieces}.subspan(pos, std::min<std::size_t>(
                                                  3, pieces.size() - pos)),
                 key, pos);
  EXPECT_EQ(pieces, whole);
  mask_payload(whole, key, 0);
  EXPECT_EQ(whole, "a payload of some length");
}

TEST(floodtest_ws_client_frames, a_close_carries_its_code) {
  std::array<char, control_header_size + 2> frame;
  auto size = write_control_frame(frame, ws_opcode::close,
                                  std::string_view{"\x03\xe9", 2}, 0);
  EXPECT_EQ(std::string(frame.data(), size),
            std::string("\x88\x82\0\0\0\0\x03\xe9", 8));
}
