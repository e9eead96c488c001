#include "platform/tz_time_zones.h"

#include <date/tz.h>

#include <stdexcept>

namespace rightsdesk::platform {
namespace {

Result<const date::time_zone*> Locate(std::string_view zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(zone) + "' is not a time zone of the IANA database");
  }
}

}  // namespace

Result<void> TzTimeZones::CheckZone(std::string_view zone) const {
  auto tz = Locate(zone);
  if (!tz) return std::unexpected(tz.error());
  return {};
}

Result<Date> TzTimeZones::LocalDate(std::string_view zone, Instant at) const {
  auto tz = Locate(zone);
  if (!tz) return std::unexpected(tz.error());
  auto local = (*tz)->to_local(at);
  auto day = std::chrono::floor<std::chrono::days>(local.time_since_epoch());
  return Date(std::chrono::sys_days(day));
}

Result<Instant> TzTimeZones::EndOfDay(std::string_view zone, Date day) const {
  auto tz = Locate(zone);
  if (!tz) return std::unexpected(tz.error());
  // The first moment of the next local day, minus one microsecond. `choose::earliest` settles
  // the (theoretical) case of a midnight that does not exist or exists twice.
  auto next_midnight =
      date::local_days(std::chrono::sys_days(day).time_since_epoch()) + date::days(1);
  auto start_next = (*tz)->to_sys(date::local_time<std::chrono::microseconds>(next_midnight),
                                  date::choose::earliest);
  return Instant(start_next - std::chrono::microseconds(1));
}

}  // namespace rightsdesk::platform
