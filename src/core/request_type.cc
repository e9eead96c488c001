#include "core/request_type.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<RequestType>, 6> kRequestTypeNames{{
    {RequestType::kAccess, "access"},
    {RequestType::kCategories, "categories"},
    {RequestType::kDelete, "delete"},
    {RequestType::kCorrect, "correct"},
    {RequestType::kOptOut, "opt_out"},
    {RequestType::kLimit, "limit"},
}};

}  // namespace

std::string_view Name(RequestType type) { return NameIn(kRequestTypeNames, type); }
std::optional<RequestType> ParseRequestType(std::string_view name) {
  return ParseIn(kRequestTypeNames, name);
}
std::string RequestTypeNames() { return NamesIn(kRequestTypeNames); }

}  // namespace rightsdesk
