// TimeZones over the system's IANA database (/usr/share/zoneinfo) through Howard Hinnant's
// date/tz. Thread-safe: the database is loaded once and read-only afterwards.
#pragma once

#include "core/time.h"

namespace rightsdesk::platform {

class TzTimeZones final : public TimeZones {
 public:
  Result<void> CheckZone(std::string_view zone) const override;
  Result<Date> LocalDate(std::string_view zone, Instant at) const override;
  Result<Instant> EndOfDay(std::string_view zone, Date date) const override;
};

}  // namespace rightsdesk::platform
