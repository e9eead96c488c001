// RequestStore: the durable ledger of requests, their audit events and the notices they queue.
// Implemented by SqliteStore (embedded default) and, later, by a PostgreSQL store; nothing above
// this interface sees SQL.
//
// Thread safety: every method may be called from any number of threads at once.
// Durability: a write that returned success is on stable storage (it survives a crash or power
// loss right after). A failed write changed nothing.
// Personal data (subject identifiers, message, notice parameters) is sealed at rest; callers pass
// and receive it in clear.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.h"
#include "core/dashboards.h"
#include "core/duplicates.h"
#include "core/error.h"
#include "core/metrics.h"
#include "core/request.h"
#include "core/request_record.h"

namespace rightsdesk::store {

struct RequestQuery {
  std::optional<Status> status;
  std::optional<RequestType> type;
  // Only open requests whose due moment is before this instant.
  std::optional<Instant> overdue_at;
  // Only requests of this (normalised) email address, found through its blind index.
  std::optional<std::string> email;
  std::size_t limit = 100;           // 1..1000
  std::optional<std::string> after;  // the `next` cursor of the previous page
};

// Requests ordered by due moment, then id: the work queue, most urgent first.
struct RequestPage {
  std::vector<Request> requests;
  std::optional<std::string> next;  // set when more requests follow
};

// A message waiting in, or sent from, the outbox (contents stay sealed; see messaging).
struct QueuedNotice {
  std::string id;
  std::string request_id;
  std::string kind;
  std::string status;  // "pending", "sending", "sent", "failed", "bounced" (refused after sending)
  Instant created_at;
};

// How many requests are in one status and type (for metrics and dashboards).
struct RequestCount {
  Status status = Status::kReceived;
  RequestType type = RequestType::kAccess;
  std::int64_t count = 0;
};

// The work queue at a glance (the console's dashboard tiles).
struct QueueCounts {
  std::int64_t overdue = 0;         // open, due before `now`
  std::int64_t due_soon = 0;        // open, due from `now` up to `due_before`
  std::int64_t received_since = 0;  // any status, received at or after `received_since`
};

// The consumer's earlier requests as Insert finds them, inside its own transaction: two
// submissions at the same moment see each other (the second finds the first), so a double click
// is caught as a duplicate.
struct EarlierRequests {
  std::int64_t count = 0;            // requests already naming the email, in any status
  std::vector<OpenRequestRef> open;  // those of them still open, oldest first
};

// Whose address a count of requests is about.
enum class RequesterRole { kConsumer, kAgent };

class RequestStore {
 public:
  virtual ~RequestStore() = default;

  // Called inside Insert's transaction, before the row is written, with the consumer's earlier
  // requests: it may change the request (its priority, for a repeat requester; its status and
  // duplicate_of, for a duplicate) and returns more events to append after the submitted one in
  // the same transaction, about this request or another (the open request a duplicate is linked
  // to). It must not change the request's id, reference or subject. An error aborts the insert
  // and is returned by it. Runs on the store's writer thread: keep it short, no I/O.
  using BeforeInsert = std::function<Result<std::vector<AuditEventDraft>>(
      Request& request, const EarlierRequests& earlier)>;

  // Stores a new request with its first audit event and the notices it queues, in one durable
  // transaction. Assigns the reference "RD-<year of received_on>-<n>" (n counts up per year) and
  // records it in the event's details as "reference". Returns the stored request (version 1).
  // kAlreadyExists if the id is taken.
  [[nodiscard]] virtual Result<Request> Insert(const Request& request,
                                               const AuditEventDraft& submitted,
                                               const std::vector<NoticeDraft>& notices,
                                               const BeforeInsert& before_insert = {}) = 0;

  // Applies a change atomically: the new state, its events, its notices. Returns the stored
  // request (version + 1). kNotFound if the request does not exist; kConflict if its version is
  // no longer change.expected_version (someone else changed it first: reload and retry).
  [[nodiscard]] virtual Result<Request> Apply(const RequestChange& change) = 0;

  // kNotFound when there is no such request.
  [[nodiscard]] virtual Result<Request> FindByReference(std::string_view reference) const = 0;
  [[nodiscard]] virtual Result<Request> FindById(std::string_view id) const = 0;

  // kInvalidArgument for a malformed cursor or limit.
  [[nodiscard]] virtual Result<RequestPage> List(const RequestQuery& query) const = 0;

  // The request's audit events in chain order (empty if there are none).
  [[nodiscard]] virtual Result<std::vector<AuditEvent>> EventsOf(
      std::string_view request_id) const = 0;

  [[nodiscard]] virtual Result<std::vector<QueuedNotice>> NoticesOf(
      std::string_view request_id) const = 0;

  // How many requests name this consumer's (normalised) email, in any status.
  [[nodiscard]] virtual Result<std::int64_t> CountByEmail(std::string_view email) const = 0;

  // How many requests were received from `from` to `until` inclusive that name `email`
  // (normalised) as the consumer's address, or as their authorized agent's (the velocity signals
  // of core/fraud_risk.h). Purged requests name no one. Agents' addresses are indexed from
  // schema 22 on: requests stored before it are not counted for their agent.
  [[nodiscard]] virtual Result<std::int64_t> CountReceived(RequesterRole role,
                                                           std::string_view email, Instant from,
                                                           Instant until) const = 0;

  // Every (status, type) pair that has requests, with its count.
  [[nodiscard]] virtual Result<std::vector<RequestCount>> CountByStatusAndType() const = 0;

  // Retention: the ids of closed requests not yet purged that closed before `cutoff`, oldest
  // first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<std::string>> ClosedBefore(Instant cutoff,
                                                                      std::size_t limit) const = 0;
  // Erases a closed request's personal data (the consumer's identifiers and agent, its message,
  // its status link, the emails kept with it and the parameters of its messages) and records
  // `purged` with it in one transaction; the minimal record (type, jurisdiction, dates, status,
  // events) stays. false, and nothing changes, when the request is open or already purged.
  [[nodiscard]] virtual Result<bool> PurgePersonalData(std::string_view request_id, Instant at,
                                                       const AuditEventDraft& purged) = 0;

  // Streams the outcome of every request received (its received_on) from `first` to `last`
  // inclusive, in no particular order, to `visit` (for the yearly metrics). Reads no personal
  // data.
  [[nodiscard]] virtual Result<void> ForEachOutcome(
      Date first, Date last, const std::function<void(const RequestOutcome&)>& visit) const = 0;

  // The §7101 records (core/request_record.h) of every request received (its received_on) on or
  // after `first` and before `end`, ordered by receipt, to `visit`. One read over an index of
  // the day of receipt; reads no personal data, so purged requests are recorded like the rest.
  [[nodiscard]] virtual Result<void> ForEachRecord(
      Date first, Date end, const std::function<void(const RequestRecord&)>& visit) const = 0;
  // One request's §7101 record, by reference or internal id. kNotFound when there is none.
  [[nodiscard]] virtual Result<RequestRecord> FindRecord(
      std::string_view reference_or_id) const = 0;

  // The console's dashboards (core/dashboards.h): every request received (its received_on) on or
  // after `first` and before `end`, or closed at or after `closed_from` and before `closed_end`,
  // or open, to `visit`, in no particular order. One read of the ledger in table order; reads no
  // personal data (the assignee is a staff name). needed_verification is left false.
  [[nodiscard]] virtual Result<void> ForEachDashboardRow(
      Date first, Date end, Instant closed_from, Instant closed_end,
      const std::function<void(const DashboardRow&)>& visit) const = 0;
  // The status changes ("request.transitioned" events, in chain order) of every request received
  // on or after `first` and before `end`, duplicates aside, one request at a time in order of
  // receipt; a request that never changed status is not visited. One statement over the index of
  // receipt and the index of each request's events.
  [[nodiscard]] virtual Result<void> ForEachStatusHistory(
      Date first, Date end, const std::function<void(const StatusHistory&)>& visit) const = 0;

  [[nodiscard]] virtual Result<QueueCounts> CountQueue(Instant now, Instant due_before,
                                                       Instant received_since) const = 0;
};

}  // namespace rightsdesk::store
