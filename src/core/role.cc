#include "core/role.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<Role>, 4> kRoleNames{{
    {Role::kAdmin, "admin"},
    {Role::kStaff, "staff"},
    {Role::kReviewer, "reviewer"},
    {Role::kAuditor, "auditor"},
}};

}  // namespace

std::string_view Name(Role role) { return NameIn(kRoleNames, role); }
std::optional<Role> ParseRole(std::string_view name) { return ParseIn(kRoleNames, name); }
std::string RoleNames() { return NamesIn(kRoleNames); }

bool Allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kReadRequests:
      return true;
    case Permission::kWorkRequests:
      return role == Role::kAdmin || role == Role::kStaff || role == Role::kReviewer;
    case Permission::kReadAudit:
    case Permission::kReadRecords:
      return role == Role::kAdmin || role == Role::kAuditor;
    case Permission::kReviewIdentity:
      return role == Role::kAdmin || role == Role::kReviewer;
    case Permission::kManageTokens:
    case Permission::kManageSettings:
      return role == Role::kAdmin;
  }
  return false;
}

}  // namespace rightsdesk
