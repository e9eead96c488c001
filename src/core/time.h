// Time in the domain: an Instant is a point in UTC with microsecond precision; a Date is a civil
// date in some time zone (which one is always said by the caller: deadlines are dates in the
// business's time zone). Time reaches the core only through the Clock and TimeZones interfaces.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::year_month_day;

// The source of "now". Implementations are thread-safe; tests inject a fixed or stepping clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// Conversions between instants and civil dates in a named IANA time zone.
// Implementations are thread-safe.
class TimeZones {
 public:
  virtual ~TimeZones() = default;
  // kInvalidArgument when the zone is unknown.
  virtual Result<void> CheckZone(std::string_view zone) const = 0;
  // The civil date at `at` in `zone`.
  virtual Result<Date> LocalDate(std::string_view zone, Instant at) const = 0;
  // The last microsecond of `date` in `zone`: a deadline date ends there.
  virtual Result<Instant> EndOfDay(std::string_view zone, Date date) const = 0;
};

// Strict "YYYY-MM-DD": four-digit year 1900-9999, and a day that exists in its month.
Result<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

// RFC 3339 in UTC with microseconds: "2026-11-24T18:03:00.000000Z".
std::string FormatInstant(Instant at);
Result<Instant> ParseInstant(std::string_view text);

inline std::int64_t ToMicros(Instant at) { return at.time_since_epoch().count(); }
inline Instant FromMicros(std::int64_t micros) {
  return Instant(std::chrono::microseconds(micros));
}

}  // namespace rightsdesk
