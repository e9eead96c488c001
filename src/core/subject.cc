#include "core/subject.h"

#include <algorithm>

#include "core/text.h"

namespace rightsdesk {
namespace {

constexpr std::string_view kEmailField = "/subject/email";

bool IsAtext(unsigned char c) {
  if (c >= 0x80) return true;  // UTF-8 (RFC 6531)
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

bool IsDotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '.') {
      if (s[i + 1] == '.') return false;
    } else if (!IsAtext(c)) {
      return false;
    }
  }
  return true;
}

bool IsDomain(std::string_view s) {
  if (s.size() > 253) return false;
  int labels = 0;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('.', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view label = s.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char ch : label) {
      auto c = static_cast<unsigned char>(ch);
      bool ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    ++labels;
    start = end + 1;
  }
  return labels >= 2;
}

Result<std::string> NormalizePhone(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (std::string_view("+ -.()").find(c) == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument,
                  "/subject/phone may hold only digits, spaces and + - . ( )", "/subject/phone");
    }
  }
  if (digits < 7 || digits > 15) {
    return Fail(ErrorCode::kInvalidArgument, "/subject/phone must have 7 to 15 digits",
                "/subject/phone");
  }
  return std::string(phone);
}

}  // namespace

Result<std::string> NormalizeEmail(std::string_view email) {
  auto bad = [](std::string why) {
    return Fail(ErrorCode::kInvalidArgument, "email address " + why, std::string(kEmailField));
  };
  auto text = CleanText(email, {.max_bytes = 254}, kEmailField);
  if (!text) return std::unexpected(text.error());
  if (text->empty()) return bad("is required");
  auto at = text->rfind('@');
  if (at == std::string::npos) return bad("has no '@'");
  std::string_view local = std::string_view(*text).substr(0, at);
  std::string_view domain = std::string_view(*text).substr(at + 1);
  if (local.empty() || local.size() > 64 || !IsDotAtom(local))
    return bad("has an invalid local part");
  if (!IsDomain(domain)) return bad("has an invalid domain");
  std::string out = *text;
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

Result<SubjectIdentifiers> ValidateSubject(const SubjectIdentifiers& subject) {
  SubjectIdentifiers out;
  auto email = NormalizeEmail(subject.email);
  if (!email) return std::unexpected(email.error());
  out.email = *email;
  auto name = CleanText(subject.name, {.max_bytes = 200}, "/subject/name");
  if (!name) return std::unexpected(name.error());
  out.name = *name;
  auto phone = CleanText(subject.phone, {.max_bytes = 40}, "/subject/phone");
  if (!phone) return std::unexpected(phone.error());
  if (!phone->empty()) {
    auto normal = NormalizePhone(*phone);
    if (!normal) return std::unexpected(normal.error());
    out.phone = *normal;
  }
  auto address =
      CleanText(subject.address, {.max_bytes = 500, .allow_newlines = true}, "/subject/address");
  if (!address) return std::unexpected(address.error());
  out.address = *address;
  auto account = CleanText(subject.account_id, {.max_bytes = 200}, "/subject/account_id");
  if (!account) return std::unexpected(account.error());
  out.account_id = *account;
  return out;
}

Result<AuthorizedAgent> ValidateAgent(const AuthorizedAgent& agent) {
  if (!agent.present()) return AuthorizedAgent{};
  auto name = CleanText(TrimAscii(agent.name), {.max_bytes = 200}, "/agent/name");
  if (!name) return std::unexpected(name.error());
  if (name->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "an authorized agent must give a name", "/agent/name");
  }
  auto email = NormalizeEmail(TrimAscii(agent.email));
  if (!email) {
    return Fail(ErrorCode::kInvalidArgument, "the agent's " + email.error().message(),
                "/agent/email");
  }
  return AuthorizedAgent{.name = std::move(*name), .email = std::move(*email)};
}

}  // namespace rightsdesk
