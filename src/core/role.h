// Staff roles and what each may do (issue 3): the one table the API checks every endpoint
// against.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rightsdesk {

enum class Role {
  kAdmin,     // everything, including tokens and settings
  kStaff,     // works requests: reads, transitions, extends, notes, assigns
  kReviewer,  // reads requests and decides reviews (awaiting_review → completed/in_progress)
  kAuditor,   // reads requests and the audit trail; changes nothing
};

enum class Permission {
  kReadRequests,
  kWorkRequests,
  kReadAudit,
  kReadRecords,  // the §7101 records of requests (docs/reports.md): admin and auditor
  kManageTokens,
  kManageSettings,  // the data map and other installation settings
  kReviewIdentity,  // sees identity documents consumers send and decides on them (§7060)
};

std::string_view Name(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::string RoleNames();

bool Allows(Role role, Permission permission);

}  // namespace rightsdesk
