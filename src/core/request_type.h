// The rights a consumer can exercise. Names are the public spelling (CLI, API, rules files).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rightsdesk {

enum class RequestType {
  kAccess,      // specific pieces of personal information (Cal. Civ. Code §1798.110, .130)
  kCategories,  // categories of personal information only (§1798.110(a)(1)-(4))
  kDelete,      // §1798.105
  kCorrect,     // §1798.106
  kOptOut,      // opt out of sale or sharing, §1798.120
  kLimit,       // limit use of sensitive personal information, §1798.121
};

inline constexpr RequestType kAllRequestTypes[] = {RequestType::kAccess, RequestType::kCategories,
                                                   RequestType::kDelete, RequestType::kCorrect,
                                                   RequestType::kOptOut, RequestType::kLimit};

std::string_view Name(RequestType type);
std::optional<RequestType> ParseRequestType(std::string_view name);
std::string RequestTypeNames();  // "access, categories, ..." for error messages

}  // namespace rightsdesk
