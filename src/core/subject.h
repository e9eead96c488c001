// Who a request is about: the identifiers a consumer gives us. All of it is personal information;
// the store seals it at rest and nothing here is ever logged.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk {

struct SubjectIdentifiers {
  std::string email;  // required; normalised (see NormalizeEmail)
  std::string name;
  std::string phone;
  std::string address;
  std::string account_id;

  friend bool operator==(const SubjectIdentifiers&, const SubjectIdentifiers&) = default;
};

// Someone acting for the consumer with their permission (Cal. Code Regs. tit. 11 §7063): a person
// or a business. Personal information too, sealed with the subject. Issue 4 adds the proof of
// permission and the consumer's own confirmation; until then staff see who the agent is.
struct AuthorizedAgent {
  std::string name;
  std::string email;

  bool present() const { return !name.empty() || !email.empty(); }
  friend bool operator==(const AuthorizedAgent&, const AuthorizedAgent&) = default;
};

// Validates an address (RFC 5321 sizes, a dot-atom local part, a domain of at least two labels;
// UTF-8 allowed for internationalised addresses) and lower-cases it, so that the same person is
// found whatever case they typed. kInvalidArgument with field "/subject/email" otherwise.
Result<std::string> NormalizeEmail(std::string_view email);

// Checks and normalises every identifier; the email is required. Errors name the field.
Result<SubjectIdentifiers> ValidateSubject(const SubjectIdentifiers& subject);

// An absent agent (both fields empty) is valid; a present one needs a name and a valid email
// (normalised like the subject's). Errors name "/agent/name" or "/agent/email".
Result<AuthorizedAgent> ValidateAgent(const AuthorizedAgent& agent);

}  // namespace rightsdesk
