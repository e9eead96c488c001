#include "core/dashboards.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>

namespace rightsdesk {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr double kDashboardMicrosPerDay = 86'400'000'000.0;

bool IsAnswer(Status status) {
  return status == Status::kCompleted || status == Status::kDenied ||
         status == Status::kClosedUnverified;
}

std::size_t TypeIndex(RequestType type) {
  const auto* at = std::ranges::find(kAllRequestTypes, type);
  return static_cast<std::size_t>(at - std::begin(kAllRequestTypes));
}

std::optional<std::size_t> StageIndex(Status status) {
  const auto* at = std::ranges::find(kDashboardStages, status);
  if (at == std::end(kDashboardStages)) return std::nullopt;
  return static_cast<std::size_t>(at - std::begin(kDashboardStages));
}

double DashboardMedian(std::vector<std::int64_t>& values) {
  std::ranges::sort(values);
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return static_cast<double>(values[mid]);
  return (static_cast<double>(values[mid - 1]) + static_cast<double>(values[mid])) / 2;
}

std::vector<AgingBucket> AgingBuckets() {
  return {{.label = "0-7", .min_days = 0, .max_days = 7},
          {.label = "8-15", .min_days = 8, .max_days = 15},
          {.label = "16-30", .min_days = 16, .max_days = 30},
          {.label = "31-45", .min_days = 31, .max_days = 45},
          {.label = "over 45", .min_days = 46, .max_days = std::nullopt}};
}

}  // namespace

std::optional<double> TypeRate::rate() const {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

bool IsAnsweredIn(const DashboardRow& row, const DashboardWindow& window) {
  return IsAnswer(row.status) && row.closed_at && *row.closed_at >= window.start &&
         *row.closed_at < window.end;
}

Date MondayOf(Date date) {
  const sys_days day{date};
  const unsigned iso = std::chrono::weekday{day}.iso_encoding();  // Monday 1 ... Sunday 7
  return Date{day - days{iso - 1}};
}

std::string IsoWeekName(Date date) {
  // The ISO year of a week is the year of its Thursday; week 1 holds the year's first Thursday.
  const Date thursday{sys_days{MondayOf(date)} + days{3}};
  const sys_days first{Date{thursday.year(), std::chrono::January, std::chrono::day{1}}};
  const auto week = (sys_days{thursday} - first).count() / 7 + 1;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(thursday.year()),
                static_cast<int>(week));
  return text;
}

Result<std::pair<Date, Date>> LastWeeks(Date today, int weeks) {
  if (weeks < 1 || weeks > kMaxDashboardWeeks) {
    return Fail(ErrorCode::kInvalidArgument,
                "weeks must be from 1 to " + std::to_string(kMaxDashboardWeeks), "/weeks");
  }
  const Date from{sys_days{MondayOf(today)} - days{7 * (weeks - 1)}};
  return std::pair{from, Date{sys_days{today} + days{1}}};
}

Result<void> CheckDashboardSpan(Date from, Date to) {
  if (sys_days{to} - sys_days{from} > days{7 * kMaxDashboardWeeks}) {
    return Fail(ErrorCode::kInvalidArgument,
                "a period may span at most " + std::to_string(kMaxDashboardWeeks) + " weeks",
                "/to");
  }
  return {};
}

DashboardAccumulator::DashboardAccumulator(const DashboardWindow& window) {
  d_.window = window;
  for (sys_days monday{MondayOf(window.from)}; monday < sys_days{window.to}; monday += days{7}) {
    d_.volume.push_back({.monday = Date{monday}, .week = IsoWeekName(Date{monday})});
  }
  d_.aging = AgingBuckets();
  for (Channel channel : kDashboardChannels) d_.channels.push_back({.channel = channel});
  for (std::size_t i = 0; i < kTypeCount; ++i) {
    on_time_[i].type = kAllRequestTypes[i];
    verification_[i].type = kAllRequestTypes[i];
  }
}

void DashboardAccumulator::AddRequest(const DashboardRow& row) {
  const std::size_t type = TypeIndex(row.type);
  const bool received = row.received_on >= d_.window.from && row.received_on < d_.window.to &&
                        row.status != Status::kClosedDuplicate;
  if (received) {
    const sys_days monday{MondayOf(row.received_on)};
    const auto week = (monday - sys_days{d_.volume.front().monday}).count() / 7;
    WeekVolume& v = d_.volume[static_cast<std::size_t>(week)];
    ++v.by_type[type];
    ++v.total;
    for (ChannelCount& c : d_.channels) {
      if (c.channel == row.channel) ++c.received;
    }
  }
  if (IsAnsweredIn(row, d_.window)) {
    ++on_time_[type].whole;
    if (*row.closed_at <= row.due_at) ++on_time_[type].part;
    if (row.needed_verification) {
      verification_seen_[type] = true;
      ++verification_[type].whole;
      if (DenialBasisOf(row.status, row.denial_basis) == DenialBasis::kUnverifiable) {
        ++verification_[type].part;
      }
    }
  }
  if (!IsTerminal(row.status)) {
    const bool overdue = d_.window.now > row.due_at;
    const auto age = (sys_days{d_.window.today} - sys_days{row.received_on}).count();
    for (AgingBucket& b : d_.aging) {
      if (age <= b.max_days.value_or(age)) {
        ++b.open;
        if (overdue) ++b.overdue;
        break;
      }
    }
    auto load = std::ranges::find(d_.assignees, row.assignee, &AssigneeLoad::assignee);
    if (load == d_.assignees.end()) {
      d_.assignees.push_back({.assignee = row.assignee});
      load = d_.assignees.end() - 1;
    }
    ++load->open;
    if (overdue) ++load->overdue;
  }
}

void DashboardAccumulator::AddHistory(const StatusHistory& history) {
  if (history.status == Status::kClosedDuplicate) return;
  Instant entered = history.received_at;
  for (const StatusChange& change : history.changes) {
    if (auto stage = StageIndex(change.from)) {
      stay_micros_[*stage].push_back(
          std::max<std::int64_t>(0, ToMicros(change.at) - ToMicros(entered)));
    }
    entered = change.at;
  }
}

Dashboards DashboardAccumulator::Finish() {
  TypeRate all_on_time, all_verification;
  for (std::size_t i = 0; i < kTypeCount; ++i) {
    d_.on_time.push_back(on_time_[i]);
    all_on_time.part += on_time_[i].part;
    all_on_time.whole += on_time_[i].whole;
    if (!verification_seen_[i]) continue;
    d_.verification.push_back(verification_[i]);
    all_verification.part += verification_[i].part;
    all_verification.whole += verification_[i].whole;
  }
  d_.on_time.push_back(all_on_time);
  d_.verification.push_back(all_verification);
  for (std::size_t i = 0; i < std::size(kDashboardStages); ++i) {
    StageTime stage{.stage = kDashboardStages[i]};
    std::vector<std::int64_t>& stays = stay_micros_[i];
    stage.stays = static_cast<std::int64_t>(stays.size());
    if (!stays.empty()) {
      const double total =
          static_cast<double>(std::accumulate(stays.begin(), stays.end(), std::int64_t{0}));
      stage.mean_days = total / static_cast<double>(stays.size()) / kDashboardMicrosPerDay;
      stage.median_days = DashboardMedian(stays) / kDashboardMicrosPerDay;
    }
    d_.stages.push_back(stage);
  }
  std::ranges::sort(d_.assignees, [](const AssigneeLoad& a, const AssigneeLoad& b) {
    return a.open != b.open ? a.open > b.open : a.assignee < b.assignee;
  });
  return std::move(d_);
}

}  // namespace rightsdesk
