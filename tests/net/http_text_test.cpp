// The bytes the server writes, exactly.
#include <gtest/gtest.h>

#include "net/http_text.hpp"

TEST(frame_chunk, writes_hex_size_payload_and_crlfs) {
  EXPECT_EQ(net::frame_chunk("Chunk 1 for id foo\n"), "13\r\nChunk 1 for id foo\n\r\n");
  EXPECT_EQ(net::frame_chunk(std::string(255, 'x')).substr(0, 4), "ff\r\n");
  EXPECT_EQ(net::last_chunk, "0\r\n\r\n");
}

TEST(simple_response, has_length_close_and_extra_headers) {
  auto res = net::simple_response(503, "busy\n", false, false, "Retry-After: 5\r\n");
  EXPECT_EQ(res, "HTTP/1.1 503 Service Unavailable\r\nServer: caf-comet/" CAF_COMET_VERSION
                 "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n"
                 "Connection: close\r\nRetry-After: 5\r\n\r\nbusy\n");
}

TEST(simple_response, head_only_keeps_the_length_but_not_the_body) {
  auto res = net::simple_response(404, "Not Found\n", true, true);
  EXPECT_NE(res.find("Content-Length: 10\r\n"), std::string::npos);
  EXPECT_EQ(res.substr(res.size() - 4), "\r\n\r\n");
  EXPECT_EQ(res.find("Connection: close"), std::string::npos);
}
