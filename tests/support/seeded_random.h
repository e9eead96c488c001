// A deterministic Random for tests: SplitMix64 from a seed, so a statistical test draws the same
// numbers on every run (never flaky) while the numbers are still well spread.
#pragma once

#include <cstdint>
#include <span>

#include "core/random.h"

namespace rightsdesk::testing {

class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  void Fill(std::span<std::uint8_t> out) override {
    for (std::size_t i = 0; i < out.size(); i += 8) {
      std::uint64_t word = Next();
      for (std::size_t b = 0; b < 8 && i + b < out.size(); ++b, word >>= 8) {
        out[i + b] = static_cast<std::uint8_t>(word);
      }
    }
  }

 private:
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

}  // namespace rightsdesk::testing
