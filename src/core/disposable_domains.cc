#include "core/disposable_domains.h"

#include "core/text.h"

namespace rightsdesk {
namespace {

bool IsDomainLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// RFC 1035 sizes (label 1-63, name up to 253), LDH labels, no hyphen at either end.
bool IsDomainName(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsDomainLabelChar(c)) return false;
    }
    ++labels;
    start = dot + 1;
  }
  return labels >= 2;
}

std::string LowerDomain(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<void> DisposableDomains::Add(std::string_view domain) {
  std::string lower = LowerDomain(TrimAscii(domain));
  if (!IsDomainName(lower)) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(domain) + "' is not a domain name (like mailinator.com)");
  }
  domains_.insert(std::move(lower));
  return {};
}

Result<void> DisposableDomains::AddList(std::string_view text, std::string_view source) {
  DisposableDomains read;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    line = line.substr(0, line.find('#'));
    if (TrimAscii(line).empty()) continue;
    if (auto added = read.Add(line); !added) {
      return std::unexpected(
          std::move(added.error())
              .WithContext(std::string(source) + ":" + std::to_string(line_number)));
    }
  }
  domains_.merge(read.domains_);
  return {};
}

bool DisposableDomains::IsDisposable(std::string_view email) const {
  const std::size_t at = email.rfind('@');
  std::string domain = LowerDomain(at == std::string_view::npos ? email : email.substr(at + 1));
  // The domain itself, then each parent that still has two labels: a.b.mailinator.com,
  // b.mailinator.com, mailinator.com. A bare top-level domain is never looked up.
  std::string_view rest = domain;
  for (;;) {
    const std::size_t dot = rest.find('.');
    if (dot == std::string_view::npos) return false;
    if (domains_.contains(rest)) return true;
    rest.remove_prefix(dot + 1);
  }
}

}  // namespace rightsdesk
