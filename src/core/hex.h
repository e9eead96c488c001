// Lower-case hexadecimal for hashes, keys and signatures in files and messages.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rightsdesk {

std::string ToHex(std::span<const std::uint8_t> bytes);
// nullopt unless `hex` is an even number of hex digits.
std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex);

}  // namespace rightsdesk
