#include "chunk_scanner.hpp"

#include <string>

#include <gtest/gtest.h>

using namespace floodtest;

namespace {

// Feeds `text` as one chunk in pieces of `step` bytes; the finding, if any.
chunk_finding scan(const std::string& text, std::size_t step) {
  chunk_scanner scanner;
  chunk_finding found;
  for (std::size_t pos = 0; pos < text.size(); pos += step) {
    auto f = scanner.feed(std::string_view{text}.substr(pos, step));
    if (f.kind != chunk_finding::none) {
      EXPECT_EQ(found.kind, chunk_finding::none) << "reported twice";
      found = f;
    }
  }
  return found;
}

} // namespace

TEST(floodtest_chunk_scanner, finds_tick_numbers_split_anywhere) {
  for (std::size_t step : {1, 2, 5, 100}) {
    auto found = scan("Chunk 1234 for id 77\n", step);
    EXPECT_EQ(found.kind, chunk_finding::tick) << step;
    EXPECT_EQ(found.value, 1234u) << step;
  }
}

TEST(floodtest_chunk_scanner, finds_stamped_messages) {
  for (std::size_t step : {1, 3, 100}) {
    auto found = scan("Recvd msg #5: 't=1700000000123456;hello'<br/>", step);
    EXPECT_EQ(found.kind, chunk_finding::stamp) << step;
    EXPECT_EQ(found.value, 1700000000123456u) << step;
  }
}

TEST(floodtest_chunk_scanner, ignores_other_chunks) {
  EXPECT_EQ(scan("Mochiconntest welcomes you! Your Id: 1\n", 4).kind,
            chunk_finding::none);
  EXPECT_EQ(scan("Chunk x for id 1\n", 4).kind, chunk_finding::none);
  EXPECT_EQ(scan("Chunk 12", 4).kind, chunk_finding::none);
  EXPECT_EQ(scan("Recvd msg #5: 'hello'", 4).kind, chunk_finding::none);
  EXPECT_EQ(scan("Recvd msg #5: 't=12'", 4).kind, chunk_finding::none);
  EXPECT_EQ(scan(" Chunk 1 for id 1\n", 4).kind, chunk_finding::none);
}

TEST(floodtest_chunk_scanner, starts_over_at_each_chunk) {
  chunk_scanner scanner;
  EXPECT_EQ(scanner.feed("Chunk 1 for id 1\n").kind, chunk_finding::tick);
  EXPECT_EQ(scanner.feed("Chunk 2 for id 1\n").kind, chunk_finding::none);
  scanner.reset();
  auto found = scanner.feed("Chunk 2 for id 1\n");
  EXPECT_EQ(found.kind, chunk_finding::tick);
  EXPECT_EQ(found.value, 2u);
}
