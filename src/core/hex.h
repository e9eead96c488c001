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
// The SHA-256 of `bytes` in hex: the fingerprint audit events give of a file (a package, a
// certificate) without its contents.
std::string Sha256Hex(std::string_view bytes);
// nullopt unless `hex` is an even number of hex digits.
std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex);

}  // namespace rightsdesk
