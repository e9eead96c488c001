// Disposable ("throwaway") email domains: services that hand anyone an inbox for a few minutes
// without knowing who reads it. A request from such an address is a signal for staff
// (core/fraud_risk.h), never a reason to refuse it: the CCPA lets a business deny a request only
// on the grounds it names (unverifiable identity, an exemption...), and the kind of mailbox a
// consumer uses is not one of them. The shipped list is rules/disposable_email_domains.txt; an
// installation may add its own ([intake] disposable_email_domains in rightsdesk.toml).
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk {

class DisposableDomains {
 public:
  // Adds one domain, lower-cased. kInvalidArgument (naming the domain) unless it is a domain name
  // of at least two labels of ASCII letters, digits and inner hyphens (IDNs as punycode).
  Result<void> Add(std::string_view domain);

  // Adds every domain of a list: one a line, '#' starts a comment, blank lines are skipped.
  // kInvalidArgument naming `source` and the line of the first bad entry; nothing of the list is
  // added then.
  Result<void> AddList(std::string_view text, std::string_view source);

  // Whether the address's domain (after its last '@'), or a domain it is under, is listed:
  // "x@a.mailinator.com" is disposable when "mailinator.com" is. Case-insensitive. An address
  // without '@' is read as a bare domain.
  bool IsDisposable(std::string_view email) const;

  std::size_t size() const { return domains_.size(); }

 private:
  std::set<std::string, std::less<>> domains_;
};

}  // namespace rightsdesk
