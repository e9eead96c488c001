// The console's dashboards (issue 7, docs/dashboards.md): how the work goes, week by week, for
// the people who run it. Computed from the plain columns of the requests and from the status
// changes of their audit trail; no personal data goes in or comes out. Pure: the caller streams
// the rows in, in any order, and says what "now" and the period are.
//
// Definitions (the tables behind the charts):
//   - volume: requests received (their day of receipt) in the period, per ISO week (Monday to
//     Sunday) and type. Duplicates (closed_duplicate) are not received requests (core/metrics.h)
//     and are left out, here and in the channel mix;
//   - channel mix: requests received in the period, per channel;
//   - on-time rate: among requests answered (completed, denied, closed_unverified) in the period,
//     per type, those answered on or before their due moment: the end of the due date, the
//     extended one when extended (core/request.h due_at);
//   - verification failure rate: among requests answered in the period whose rule asked for
//     verification (level not none), per type, those that failed it: closed unverified, or denied
//     on that basis (core/denial_basis.h: a deletion the verification rules denied, §7022(a));
//   - aging: open requests now, by whole days since their day of receipt (0-7, 8-15, 16-30, 31-45,
//     over 45), with how many of them are overdue;
//   - time in each stage: for requests received in the period (duplicates aside), the days spent
//     in each status they have left, from the audit trail's "request.transitioned" events; the
//     status a request is in now is not counted until it leaves it;
//   - per-assignee load: open requests now per assignee ("" for unassigned), overdue among them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.h"
#include "core/denial_basis.h"
#include "core/error.h"
#include "core/request_type.h"
#include "core/status.h"
#include "core/time.h"

namespace rightsdesk {

inline constexpr Channel kDashboardChannels[] = {Channel::kWeb,   Channel::kApi,  Channel::kEmail,
                                                 Channel::kPhone, Channel::kMail, Channel::kAgent,
                                                 Channel::kGpc};
inline constexpr std::size_t kTypeCount = std::size(kAllRequestTypes);

// The statuses a request can leave, in the lifecycle's order: the stages of the stage table.
inline constexpr Status kDashboardStages[] = {Status::kReceived, Status::kPendingVerification,
                                              Status::kVerified, Status::kInProgress,
                                              Status::kAwaitingReview};

// The days the dashboards look at: received on or after `from` and before `to` (dates in the
// business's time zone), closed at or after `start` and before `end` (the same days as instants).
struct DashboardWindow {
  Date from;
  Date to;
  Instant start;
  Instant end;
  Date today;  // in the business's time zone: the aging's reference
  Instant now;
};

// Most weeks a period may span, so that a chart stays readable.
inline constexpr int kMaxDashboardWeeks = 104;

// The last `weeks` ISO weeks up to today: from the Monday `weeks - 1` weeks before today's
// week, to the day after today. kInvalidArgument pointing at /weeks unless 1 <= weeks <= 104.
Result<std::pair<Date, Date>> LastWeeks(Date today, int weeks);
// kInvalidArgument pointing at /to when [from, to) spans more than kMaxDashboardWeeks weeks.
Result<void> CheckDashboardSpan(Date from, Date to);

// "2026-W48": the ISO 8601 week of a date (the week with the year's first Thursday is week 1).
std::string IsoWeekName(Date date);
Date MondayOf(Date date);

// One request, as the dashboards need it.
struct DashboardRow {
  RequestType type = RequestType::kAccess;
  Status status = Status::kReceived;
  Channel channel = Channel::kWeb;
  std::string jurisdiction;
  Date received_on;
  Instant received_at;
  std::optional<Instant> closed_at;
  Instant due_at;
  std::string assignee;
  std::optional<DenialBasis> denial_basis;  // as recorded with a denial (Request::denial_basis)
  // Its rule asked for a level other than none: the caller looks it up (IsAnsweredIn says when
  // it matters).
  bool needed_verification = false;
};

// Whether the row is an answer (completed, denied, closed unverified) given in the window: the
// on-time and verification tables count only these.
bool IsAnsweredIn(const DashboardRow& row, const DashboardWindow& window);

// One "request.transitioned" event of a request's audit trail.
struct StatusChange {
  Instant at;
  Status from = Status::kReceived;
  Status to = Status::kReceived;
};

// A request received in the period and its status changes in chain order.
struct StatusHistory {
  Instant received_at;
  Status status = Status::kReceived;  // where it is now
  std::vector<StatusChange> changes;
};

struct WeekVolume {
  Date monday;
  std::string week;                                // "2026-W48"
  std::array<std::int64_t, kTypeCount> by_type{};  // in the order of kAllRequestTypes
  std::int64_t total = 0;
};

// `part` of `whole`: on time of answered, failed of verified.
struct TypeRate {
  std::optional<RequestType> type;  // none: every type
  std::int64_t part = 0;
  std::int64_t whole = 0;
  std::optional<double> rate() const;  // part / whole; none when whole is 0
};

struct AgingBucket {
  std::string label;  // "0-7", ..., "over 45"
  int min_days = 0;
  std::optional<int> max_days;  // none: no upper bound
  std::int64_t open = 0;
  std::int64_t overdue = 0;
};

struct ChannelCount {
  Channel channel = Channel::kWeb;
  std::int64_t received = 0;
};

struct StageTime {
  Status stage = Status::kReceived;
  std::int64_t stays = 0;  // how many times a request left this status
  std::optional<double> median_days;
  std::optional<double> mean_days;
};

struct AssigneeLoad {
  std::string assignee;  // "" for unassigned
  std::int64_t open = 0;
  std::int64_t overdue = 0;
};

struct Dashboards {
  DashboardWindow window;
  std::vector<WeekVolume> volume;       // every week of the period, oldest first
  std::vector<TypeRate> on_time;        // per type (kAllRequestTypes), then every type
  std::vector<TypeRate> verification;   // per type that needs it, then every type
  std::vector<AgingBucket> aging;       // youngest first
  std::vector<ChannelCount> channels;   // kDashboardChannels order
  std::vector<StageTime> stages;        // kDashboardStages order
  std::vector<AssigneeLoad> assignees;  // most open first, then by name
};

class DashboardAccumulator {
 public:
  explicit DashboardAccumulator(const DashboardWindow& window);
  // Counts a request in every table it belongs to (none, if it is neither received nor answered
  // in the period nor open).
  void AddRequest(const DashboardRow& row);
  // Counts the stays of a request received in the period in the stage table.
  void AddHistory(const StatusHistory& history);
  Dashboards Finish();

 private:
  Dashboards d_;
  std::array<std::vector<std::int64_t>, std::size(kDashboardStages)> stay_micros_;
  std::array<TypeRate, kTypeCount> on_time_{};
  std::array<TypeRate, kTypeCount> verification_{};
  std::array<bool, kTypeCount> verification_seen_{};
};

}  // namespace rightsdesk
