#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace rightsdesk {
namespace {

// Reads exactly `width` ASCII digits at `pos`.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Result<Date> ParseDate(std::string_view text) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  auto y = Digits(text, 0, 4);
  auto m = Digits(text, 5, 2);
  auto d = Digits(text, 8, 2);
  if (!y || !m || !d) return bad();
  if (*y < 1900) return bad();
  Date date{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*m)),
            std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) {
    return Fail(ErrorCode::kInvalidArgument, "'" + std::string(text) + "' is not a real date");
  }
  return date;
}

std::string FormatDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::string FormatInstant(Instant at) {
  auto day = std::chrono::floor<std::chrono::days>(at);
  Date date{day};
  std::chrono::hh_mm_ss<std::chrono::microseconds> tod{at - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%06lldZ", FormatDate(date).c_str(),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()),
                static_cast<long long>(tod.subseconds().count()));
  return buf;
}

Result<Instant> ParseInstant(std::string_view text) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(text) + "' is not a UTC time like 2026-11-24T18:03:00Z");
  };
  if (text.size() < 20 || text[10] != 'T' || text.back() != 'Z') return bad();
  auto date = ParseDate(text.substr(0, 10));
  if (!date) return bad();
  auto h = Digits(text, 11, 2);
  auto mi = Digits(text, 14, 2);
  auto s = Digits(text, 17, 2);
  if (!h || !mi || !s || text[13] != ':' || text[16] != ':' || *h > 23 || *mi > 59 || *s > 59) {
    return bad();
  }
  long long micros = 0;
  std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty()) {
    if (rest[0] != '.' || rest.size() < 2 || rest.size() > 7) return bad();
    auto frac = Digits(rest, 1, rest.size() - 1);
    if (!frac) return bad();
    micros = *frac;
    for (std::size_t i = rest.size() - 1; i < 6; ++i) micros *= 10;
  }
  return Instant(std::chrono::sys_days(*date)) + std::chrono::hours(*h) +
         std::chrono::minutes(*mi) + std::chrono::seconds(*s) + std::chrono::microseconds(micros);
}

}  // namespace rightsdesk
