#include "core/denial_basis.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<DenialBasis>, 4> kDenialBasisNames{{
    {DenialBasis::kUnverifiable, "unverifiable"},
    {DenialBasis::kNotAConsumer, "not_a_consumer"},
    {DenialBasis::kExempt, "exempt"},
    {DenialBasis::kOther, "other"},
}};

}  // namespace

std::string_view Name(DenialBasis basis) { return NameIn(kDenialBasisNames, basis); }

std::optional<DenialBasis> ParseDenialBasis(std::string_view name) {
  return ParseIn(kDenialBasisNames, name);
}

std::string DenialBasisNames() { return NamesIn(kDenialBasisNames); }

std::optional<DenialBasis> DenialBasisOf(Status status, std::optional<DenialBasis> recorded) {
  switch (status) {
    case Status::kClosedUnverified:
      return DenialBasis::kUnverifiable;
    case Status::kDenied:
      return recorded.value_or(DenialBasis::kOther);
    default:
      return std::nullopt;
  }
}

}  // namespace rightsdesk
