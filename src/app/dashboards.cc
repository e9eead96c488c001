#include "app/dashboards.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/metrics_report.h"
#include "app/records_report.h"
#include "core/verification_policy.h"
#include "fulfil/package_files.h"

namespace rightsdesk::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Result<int> DashboardWeeks(std::string_view text) {
  if (text.empty()) return kDefaultDashboardWeeks;
  int weeks = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), weeks);
  if (error != std::errc() || end != text.data() + text.size() || text.size() > 3) {
    return Fail(ErrorCode::kInvalidArgument,
                "weeks must be a whole number from 1 to " + std::to_string(kMaxDashboardWeeks),
                "/weeks");
  }
  return weeks;
}

// The first microsecond of `date` in `zone`: the end of the day before, plus one.
Result<Instant> StartOfDay(const TimeZones& zones, std::string_view zone, Date date) {
  auto before = zones.EndOfDay(zone, Date{sys_days{date} - days{1}});
  if (!before) return std::unexpected(before.error());
  return *before + std::chrono::microseconds{1};
}

bool NeededVerification(const Ruleset& ruleset, const DashboardRow& row) {
  auto found = ruleset.table().Find(row.jurisdiction, row.type, row.received_on);
  if (!found) return false;  // no rule: nothing was asked
  const Rule& rule = **found;
  return rule.verification != VerificationLevel::kNone ||
         (rule.verification_sensitive && *rule.verification_sensitive != VerificationLevel::kNone);
}

std::string CountText(std::int64_t n) { return std::to_string(n); }

std::string TypeName(const std::optional<RequestType>& type) {
  return type ? std::string(Name(*type)) : "all";
}

DashboardTable VolumeTable(const Dashboards& d) {
  DashboardTable t{.id = "volume", .title = "Requests received per week, by type"};
  t.columns = {"week", "week_start"};
  for (RequestType type : kAllRequestTypes) t.columns.emplace_back(Name(type));
  t.columns.emplace_back("total");
  for (const WeekVolume& w : d.volume) {
    std::vector<std::string> row = {w.week, FormatDate(w.monday)};
    for (std::int64_t n : w.by_type) row.push_back(CountText(n));
    row.push_back(CountText(w.total));
    t.rows.push_back(std::move(row));
  }
  return t;
}

DashboardTable RateTable(std::string id, std::string title, std::vector<std::string> columns,
                         const std::vector<TypeRate>& rates) {
  DashboardTable t{.id = std::move(id), .title = std::move(title), .columns = std::move(columns)};
  for (const TypeRate& r : rates) {
    t.rows.push_back(
        {TypeName(r.type), CountText(r.whole), CountText(r.part), FormatPercent(r.rate())});
  }
  return t;
}

DashboardTable AgingTable(const Dashboards& d) {
  DashboardTable t{.id = "aging",
                   .title = "Open requests by days since receipt",
                   .columns = {"days_since_receipt", "open", "overdue"}};
  for (const AgingBucket& b : d.aging)
    t.rows.push_back({b.label, CountText(b.open), CountText(b.overdue)});
  return t;
}

DashboardTable ChannelTable(const Dashboards& d) {
  DashboardTable t{.id = "channels",
                   .title = "Requests received by channel",
                   .columns = {"channel", "received"}};
  for (const ChannelCount& c : d.channels) {
    t.rows.push_back({std::string(Name(c.channel)), CountText(c.received)});
  }
  return t;
}

DashboardTable StageTable(const Dashboards& d) {
  DashboardTable t{.id = "stages",
                   .title = "Days spent in each status",
                   .columns = {"status", "stays", "median_days", "mean_days"}};
  for (const StageTime& s : d.stages) {
    t.rows.push_back({std::string(Name(s.stage)), CountText(s.stays), FormatDays(s.median_days, ""),
                      FormatDays(s.mean_days, "")});
  }
  return t;
}

DashboardTable AssigneeTable(const Dashboards& d) {
  DashboardTable t{.id = "assignees",
                   .title = "Open requests per assignee",
                   .columns = {"assignee", "open", "overdue"}};
  for (const AssigneeLoad& a : d.assignees) {
    t.rows.push_back({a.assignee, CountText(a.open), CountText(a.overdue)});
  }
  return t;
}

// A rate to three decimals (0.875), null for a rate of nothing.
nlohmann::ordered_json RateJson(const TypeRate& r, const char* part) {
  const auto rate = r.rate();
  return {{"type", TypeName(r.type)},
          {"answered", r.whole},
          {part, r.part},
          {"rate", rate ? nlohmann::ordered_json(std::round(*rate * 1000) / 1000)
                        : nlohmann::ordered_json(nullptr)}};
}

nlohmann::ordered_json DaysOrNull(const std::optional<double>& elapsed) {
  if (!elapsed) return nullptr;
  return std::round(*elapsed * 10) / 10;
}

}  // namespace

Result<DashboardWindow> DashboardWindowFor(const Services& services, std::string_view weeks,
                                           std::string_view from, std::string_view to) {
  const std::string& zone = services.ruleset.business().time_zone;
  const Instant now = services.clock.Now();
  auto today = services.zones.LocalDate(zone, now);
  if (!today) return std::unexpected(today.error());
  std::pair<Date, Date> days_asked;
  if (!from.empty() || !to.empty()) {
    if (!weeks.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "give weeks, or from and to, not both", "/weeks");
    }
    auto period = ParseRecordsPeriod(from, to);
    if (!period) return std::unexpected(period.error());
    if (auto span = CheckDashboardSpan(period->from, period->to); !span) {
      return std::unexpected(span.error());
    }
    days_asked = {period->from, period->to};
  } else {
    auto count = DashboardWeeks(weeks);
    if (!count) return std::unexpected(count.error());
    auto last = LastWeeks(*today, *count);
    if (!last) return std::unexpected(last.error());
    days_asked = *last;
  }
  auto start = StartOfDay(services.zones, zone, days_asked.first);
  if (!start) return std::unexpected(start.error());
  auto end = StartOfDay(services.zones, zone, days_asked.second);
  if (!end) return std::unexpected(end.error());
  return DashboardWindow{.from = days_asked.first,
                         .to = days_asked.second,
                         .start = *start,
                         .end = *end,
                         .today = *today,
                         .now = now};
}

Result<Dashboards> BuildDashboards(const Services& services, const DashboardWindow& window) {
  DashboardAccumulator dashboards(window);
  auto rows = services.requests.ForEachDashboardRow(
      window.from, window.to, window.start, window.end, [&](const DashboardRow& row) {
        // The rules are looked up only for answers, the only rows whose verification counts.
        if (!IsAnsweredIn(row, window)) {
          dashboards.AddRequest(row);
          return;
        }
        DashboardRow answered = row;
        answered.needed_verification = NeededVerification(services.ruleset, row);
        dashboards.AddRequest(answered);
      });
  if (!rows) return std::unexpected(rows.error().WithContext("building the dashboards"));
  auto histories = services.requests.ForEachStatusHistory(
      window.from, window.to,
      [&](const StatusHistory& history) { dashboards.AddHistory(history); });
  if (!histories) return std::unexpected(histories.error().WithContext("building the dashboards"));
  return dashboards.Finish();
}

std::string FormatPercent(const std::optional<double>& rate) {
  if (!rate) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(*rate * 1000) / 10);
  return text;
}

std::vector<DashboardTable> DashboardTables(const Dashboards& d) {
  return {VolumeTable(d),
          RateTable("on-time", "Answered on time, by type",
                    {"type", "answered", "on_time", "on_time_percent"}, d.on_time),
          RateTable("verification", "Verification failures, by type",
                    {"type", "answered_needing_verification", "unverified", "failure_percent"},
                    d.verification),
          AgingTable(d),
          ChannelTable(d),
          StageTable(d),
          AssigneeTable(d)};
}

std::string DashboardCsv(const DashboardTable& table) {
  auto line = [](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) text += ',';  // by position: a first cell may be empty
      text += fulfil::CsvCell(cells[i]);
    }
    return text + "\r\n";
  };
  std::string csv = line(table.columns);
  for (const auto& row : table.rows) csv += line(row);
  return csv;
}

nlohmann::ordered_json DashboardsJson(const Dashboards& d) {
  using json = nlohmann::ordered_json;
  json volume = json::array();
  for (const WeekVolume& w : d.volume) {
    json by_type = json::object();
    for (std::size_t t = 0; t < kTypeCount; ++t) by_type[Name(kAllRequestTypes[t])] = w.by_type[t];
    volume.push_back({{"week", w.week},
                      {"week_start", FormatDate(w.monday)},
                      {"by_type", std::move(by_type)},
                      {"total", w.total}});
  }
  json on_time = json::array(), verification = json::array();
  for (const TypeRate& r : d.on_time) on_time.push_back(RateJson(r, "on_time"));
  for (const TypeRate& r : d.verification) {
    verification.push_back(RateJson(r, "unverified"));
  }
  json aging = json::array();
  for (const AgingBucket& b : d.aging) {
    aging.push_back({{"days", b.label},
                     {"min_days", b.min_days},
                     {"max_days", b.max_days ? json(*b.max_days) : json(nullptr)},
                     {"open", b.open},
                     {"overdue", b.overdue}});
  }
  json channels = json::array();
  for (const ChannelCount& c : d.channels) {
    channels.push_back({{"channel", Name(c.channel)}, {"received", c.received}});
  }
  json stages = json::array();
  for (const StageTime& s : d.stages) {
    stages.push_back({{"status", Name(s.stage)},
                      {"stays", s.stays},
                      {"median_days", DaysOrNull(s.median_days)},
                      {"mean_days", DaysOrNull(s.mean_days)}});
  }
  json assignees = json::array();
  for (const AssigneeLoad& a : d.assignees) {
    assignees.push_back({{"assignee", a.assignee}, {"open", a.open}, {"overdue", a.overdue}});
  }
  return {{"from", FormatDate(d.window.from)},
          {"to", FormatDate(d.window.to)},
          {"volume", std::move(volume)},
          {"on_time", std::move(on_time)},
          {"verification", std::move(verification)},
          {"aging", std::move(aging)},
          {"channels", std::move(channels)},
          {"stages", std::move(stages)},
          {"assignees", std::move(assignees)}};
}

}  // namespace rightsdesk::app
