#include "http/console/console.h"

#include <chrono>

#include "app/casework.h"
#include "app/recipient_notices.h"
#include "app/request_json.h"
#include "app/risk_assessment.h"
#include "app/staff_accounts.h"
#include "core/lifecycle.h"
#include "http/console/console_session.h"
#include "http/console/console_verification.h"
#include "http/html/page_response.h"
#include "http/html/web_input.h"
#include "http/responses.h"
#include "http/staff_api.h"

namespace rightsdesk::http::console {

using nlohmann::json;

json BaseContext(const ApiContext& api, std::string_view title, const StaffCall* staff) {
  json context = {{"lang", "en"},
                  {"t", api.templates->Strings("en")},
                  {"title", title},
                  {"business", api.services.ruleset.business().name}};
  if (staff != nullptr) {
    context["staff"] = {{"username", staff->user.username}, {"role", Name(staff->user.role)}};
    context["csrf"] = staff->csrf;
  }
  return context;
}

Response Page(const ApiContext& api, unsigned status, std::string_view name, const json& context) {
  return html::HtmlResponse(status, api.templates->Page(name, context));
}

json InboundRows(const std::vector<store::InboundRecord>& records) {
  json rows = json::array();
  for (const store::InboundRecord& m : records) {
    json attachments = json::array();
    for (const store::StoredAttachment& a : m.attachments) {
      attachments.push_back({{"filename", a.filename.empty() ? "(unnamed)" : a.filename},
                             {"content_type", a.content_type},
                             {"size", a.bytes.size()}});
    }
    rows.push_back({{"id", m.id},
                    {"kind", m.kind},
                    {"received_at", FormatInstant(m.received_at)},
                    {"from", m.from_address},
                    {"from_name", m.from_name},
                    {"subject", m.subject},
                    {"text", m.text},
                    {"language", m.language},
                    {"attachments", attachments}});
  }
  return rows;
}

namespace {

constexpr auto kDueSoon = std::chrono::days{7};

bool DueSoon(const rightsdesk::Request& r, Instant now) {
  return !IsTerminal(r.status) && !r.IsOverdue(now) && r.due_at <= now + kDueSoon;
}

std::string QueueTable(const ApiContext& api, const std::vector<rightsdesk::Request>& requests,
                       std::string_view caption) {
  Instant now = api.services.clock.Now();
  json rows = json::array();
  for (const rightsdesk::Request& r : requests) {
    rows.push_back({{"id", r.id},
                    {"reference", r.reference},
                    {"type", Name(r.type)},
                    {"status", Name(r.status)},
                    {"due_on", FormatDate(r.DueDate())},
                    {"overdue", r.IsOverdue(now)},
                    {"due_soon", DueSoon(r, now)},
                    {"jurisdiction", r.jurisdiction},
                    {"assignee", r.assignee},
                    {"received_on", FormatDate(r.received_on)}});
  }
  return api.templates->Render("console_queue_table", {{"rows", rows}, {"caption", caption}});
}

// The first instant of the current month in the business's time zone.
Instant MonthStart(const ApiContext& api, Instant now) {
  const std::string& zone = api.services.ruleset.business().time_zone;
  auto today = api.services.zones.LocalDate(zone, now);
  if (!today) return now;
  Date first = today->year() / today->month() / std::chrono::day{1};
  auto end_of_eve =
      api.services.zones.EndOfDay(zone, Date{std::chrono::sys_days{first} - std::chrono::days{1}});
  return end_of_eve ? *end_of_eve + std::chrono::microseconds{1} : now;
}

std::string StatusLabel(Status status) {
  std::string label(Name(status));
  for (char& c : label) c = c == '_' ? ' ' : c;
  return label;
}

json EventRows(const std::vector<AuditEvent>& events) {
  json rows = json::array();
  for (const AuditEvent& e : events) {
    json details = json::array();
    json parsed = json::parse(e.details, nullptr, false);
    if (parsed.is_object()) {
      for (const auto& [key, value] : parsed.items()) {
        details.push_back(
            {{"key", key}, {"value", value.is_string() ? value.get<std::string>() : value.dump()}});
      }
    }
    rows.push_back({{"action", e.action},
                    {"actor", e.actor},
                    {"at", FormatInstant(e.at)},
                    {"details", details}});
  }
  return rows;
}

// Where each recipient's notice stands (app/recipient_notices.h): what staff still owe shows
// first in words ("failed: tell them by hand, then confirm").
json NoticeRows(const std::vector<AuditEvent>& events) {
  json rows = json::array();
  for (auto notice : {app::RecipientNotice::kDeletion, app::RecipientNotice::kOptOut,
                      app::RecipientNotice::kLimit, app::RecipientNotice::kCorrection}) {
    for (const auto& r : app::ProgressOf(events, notice).recipients) {
      std::string state = r.confirmed        ? "confirmed"
                          : r.failed         ? "failed: tell them by hand, then confirm"
                          : r.delivered      ? "delivered"
                          : r.by == "manual" ? "to tell by hand, then confirm"
                                             : "queued";
      rows.push_back({{"notice", app::Name(notice)},
                      {"recipient", r.recipient},
                      {"by", r.by},
                      {"state", state},
                      {"owed", !r.confirmed && (r.failed || r.by == "manual")}});
    }
  }
  return rows;
}

// The fraud risk for the page: its level and score, and its reasons in words ("disposable email,
// authorized agent"); names only, never the values behind them.
json RiskContext(const RiskAssessment& risk) {
  std::string reasons;
  for (const std::string& reason : risk.reasons) {
    reasons += (reasons.empty() ? "" : ", ") + reason;
  }
  for (char& c : reasons) c = c == '_' ? ' ' : c;
  return {{"level", Name(risk.level)},
          {"score", risk.score},
          {"has_reasons", !risk.reasons.empty()},
          {"reasons_text", reasons}};
}

// The fraud risk, and for a duplicate the open request it is linked to (by reference).
Result<void> AddScreening(const ApiContext& api, const rightsdesk::Request& r,
                          const std::vector<AuditEvent>& events, json& context) {
  auto risk = app::AssessRequestRisk(api.services, r, events);
  if (!risk) return std::unexpected(risk.error());
  context["risk"] = RiskContext(*risk);
  if (!r.duplicate_of.empty()) {
    auto open = api.services.requests.FindById(r.duplicate_of);
    context["duplicate_of"] = open ? open->reference : r.duplicate_of;
  }
  return {};
}

std::string Field(const QueryParams& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

}  // namespace

Response ShowRequestPage(const ApiContext& api, const StaffCall& staff,
                         const rightsdesk::Request& r, unsigned status, const std::string& done,
                         const std::string& error, const json& fulfilment_extra) {
  auto events = api.services.requests.EventsOf(r.id);
  if (!events) return ProblemFor(events.error());
  Instant now = api.services.clock.Now();
  json context = BaseContext(api, r.reference, &staff);
  context["r"] = app::RequestJson(r, now);
  std::string why;
  for (const std::string& reason : r.priority_reasons) why += (why.empty() ? "" : "; ") + reason;
  if (!why.empty()) context["priority_why"] = why;
  context["due_soon"] = DueSoon(r, now);
  if (auto screened = AddScreening(api, r, *events, context); !screened) {
    return ProblemFor(screened.error());
  }
  context["events"] = EventRows(*events);
  context["playbook"] = PlaybookSection(api, r, *events);
  context["notices"] = NoticeRows(*events);
  context["has_notices"] = !context["notices"].empty();
  auto fulfilment = FulfilmentSection(api, staff, r, *events, fulfilment_extra);
  if (!fulfilment) return ProblemFor(fulfilment.error());
  context["fulfilment_html"] = *fulfilment;
  if (api.inbox != nullptr) {
    auto mail = api.inbox->InboundOf(r.id);
    if (!mail) return ProblemFor(mail.error());
    context["correspondence"] = InboundRows(*mail);
    context["has_correspondence"] = !mail->empty();
  }
  context["verification"] = VerificationSection(api, r);
  json next = json::array();
  for (Status s : NextStatuses(r.status)) {
    if (IsChosenByStaff(s)) next.push_back(Name(s));
  }
  context["has_next"] = !next.empty();
  context["next_statuses"] = next;
  context["can_work"] = Allows(staff.user.role, Permission::kWorkRequests);
  context["can_verify"] =
      context["can_work"].get<bool>() && api.desk != nullptr &&
      (r.status == Status::kReceived || r.status == Status::kPendingVerification);
  context["can_review_identity"] =
      Allows(staff.user.role, Permission::kReviewIdentity) &&
      (r.status == Status::kReceived || r.status == Status::kPendingVerification);
  if (!done.empty()) context["done"] = done;
  if (!error.empty()) context["error"] = error;
  return Page(api, status, "console_request", context);
}

Response LoginPage(const ApiContext& api, const Request&) {
  return Page(api, 200, "console_login", BaseContext(api, "Sign in", nullptr));
}

Response PostLogin(const ApiContext& api, const Request& request) {
  if (!SameOrigin(request)) return html::HtmlResponse(403, "cross-site sign-in refused");
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::move(fields.error());
  std::string username = Field(*fields, "username");
  auto in = app::LogIn(*api.users, api.services.random, api.services.clock, username,
                       Field(*fields, "password"), Field(*fields, "code"));
  if (!in) {
    ErrorCode code = in.error().code();
    if (code != ErrorCode::kUnauthenticated && code != ErrorCode::kResourceExhausted) {
      return ProblemFor(in.error());
    }
    json context = BaseContext(api, "Sign in", nullptr);
    context["error"] = in.error().message();
    context["username"] = username;
    return Page(api, code == ErrorCode::kUnauthenticated ? 401 : 429, "console_login", context);
  }
  Response response = html::RedirectResponse("/console");
  response.set(beast_http::field::set_cookie, SessionCookie(in->session_secret));
  return response;
}

Response PostLogout(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto form = ReadCheckedForm(request, *staff);
  if (!form) return std::move(form.error());
  if (auto out = app::LogOut(*api.users, api.services.clock, SessionSecretOf(request)); !out) {
    return ProblemFor(out.error());
  }
  Response response = html::RedirectResponse("/console/login");
  response.set(beast_http::field::set_cookie, ExpiredSessionCookie());
  return response;
}

Response Dashboard(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  Instant now = api.services.clock.Now();
  auto counts = api.services.requests.CountQueue(now, now + kDueSoon, MonthStart(api, now));
  auto by_pair = api.services.requests.CountByStatusAndType();
  auto urgent = app::ListQueue(api.services, {.limit = 15});
  if (!counts || !by_pair || !urgent) {
    return ProblemFor(!counts ? counts.error() : !by_pair ? by_pair.error() : urgent.error());
  }
  std::map<Status, std::int64_t> by_status;
  std::int64_t open = 0;
  for (const store::RequestCount& c : *by_pair) {
    if (IsTerminal(c.status)) continue;
    by_status[c.status] += c.count;
    open += c.count;
  }
  json statuses = json::array();
  for (const auto& [status, count] : by_status) {
    statuses.push_back(
        {{"status", Name(status)}, {"label", StatusLabel(status)}, {"count", count}});
  }
  std::vector<rightsdesk::Request> open_requests;
  for (rightsdesk::Request& r : urgent->requests) {
    if (!IsTerminal(r.status)) open_requests.push_back(std::move(r));
  }
  json context = BaseContext(api, "Dashboard", &*staff);
  context["counts"] = {{"overdue", counts->overdue},
                       {"due_soon", counts->due_soon},
                       {"received", counts->received_since},
                       {"open", open}};
  context["by_status"] = statuses;
  if (api.inbox != nullptr) {
    auto waiting = api.inbox->InboundOfKind("triage", 1000);
    if (!waiting) return ProblemFor(waiting.error());
    context["counts"]["triage"] = waiting->size();
  }
  context["queue_table"] = QueueTable(api, open_requests, "Open requests, earliest deadline first");
  return Page(api, 200, "console_dashboard", context);
}

Response Queue(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto query = ParseQuery(View(request.target()));
  QueryParams params;
  if (query) {
    for (auto& [name, value] : *query) {
      if (!value.empty()) params.emplace(name, value);  // "Any" sends an empty value
    }
  }
  json context = BaseContext(api, "Queue", &*staff);
  auto filter = query ? ReadQueueFilter(params) : std::unexpected(query.error());
  auto page = filter ? app::ListQueue(api.services, *filter) : std::unexpected(filter.error());
  unsigned status = 200;
  std::vector<rightsdesk::Request> rows;
  if (!page) {
    if (page.error().code() != ErrorCode::kInvalidArgument) return ProblemFor(page.error());
    context["error"] = page.error().message();
    status = 422;
  } else {
    rows = std::move(page->requests);
    if (page->next) {
      QueryParams next = params;
      next["after"] = *page->next;
      std::string href = "/console/requests?";
      for (const auto& [name, value] : next) href += name + "=" + value + "&";
      context["next_href"] = href.substr(0, href.size() - 1);
    }
  }
  json f = {{"q", Field(params, "q")}, {"overdue", Field(params, "overdue") == "true"}};
  json statuses = json::array();
  for (Status s : kAllStatuses)
    statuses.push_back({{"value", Name(s)}, {"selected", Field(params, "status") == Name(s)}});
  json types = json::array();
  for (RequestType t : kAllRequestTypes)
    types.push_back({{"value", Name(t)}, {"selected", Field(params, "type") == Name(t)}});
  context["filter"] = f;
  context["statuses"] = statuses;
  context["types"] = types;
  context["queue_table"] = QueueTable(api, rows, "Earliest deadline first");
  return Page(api, status, "console_queue", context);
}

Response RequestPage(const ApiContext& api, const Request& request, std::string_view id) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto found = app::FindRequest(api.services, id);
  if (!found) return ProblemFor(found.error());
  auto query = ParseQuery(View(request.target()));
  std::string done = query ? Field(*query, "done") : std::string();
  static const std::map<std::string, std::string, std::less<>> kDone = {
      {"transition", "Status changed."},
      {"extend", "Deadline extended; the consumer will be told why."},
      {"note", "Note added."},
      {"assign", "Assignment saved."},
      {"playbook", "Checklist updated."},
      {"triage", "Request made from the email in triage; the consumer will be acknowledged."},
      {"search", "Every system was searched; see what each one holds below."},
      {"package", "The access package was built and the consumer sent its link."},
      {"categories", "The categories were disclosed to the consumer."},
      {"erase", "The deletion was executed, proven and certified."},
      {"erase-unverified",
       "The deletion was executed but NOT fully proven: see the certificate and the systems."},
      {"honor", "The preference was recorded and the recipients told."},
      {"confirm", "The recipient's confirmation was recorded."},
      {"verified", "Data points matched on the company's records: the request is verified."},
      {"matched", "Data points matched on the company's records; see what is still missing."},
      {"verification-failed",
       "Verification recorded as failed: the fallback was applied and the consumer told."},
      {"identity-reviewed", "Decision on the identity document recorded; the document is erased."},
      {"identity-verified",
       "Decision on the identity document recorded and the document erased: the request is "
       "verified."}};
  auto message = kDone.find(done);
  return ShowRequestPage(api, *staff, *found, 200,
                         message == kDone.end() ? std::string() : message->second, "");
}

Response PostAction(const ApiContext& api, const Request& request, std::string_view id,
                    std::string_view action) {
  auto staff = RequireStaff(api, request, Permission::kWorkRequests);
  if (!staff) return std::move(staff.error());
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  std::string actor = app::ActorOf(staff->user);
  Result<rightsdesk::Request> changed = Fail(ErrorCode::kNotFound, "no such action");
  if (action == "transition") {
    changed =
        app::TransitionTo(api.services, id, Field(*fields, "to"), Field(*fields, "reason"), actor,
                          Field(*fields, "to") == "denied" ? Field(*fields, "basis") : "");
  } else if (action == "extend") {
    changed = app::Extend(api.services, id, Field(*fields, "reason"), actor);
  } else if (action == "note") {
    changed = app::AddNote(api.services, id, Field(*fields, "note"), actor);
  } else if (action == "assign") {
    changed = app::Assign(api.services, id, Field(*fields, "assignee"), actor);
  } else if (action == "playbook" && api.playbooks != nullptr) {
    changed = app::TickPlaybook(api.services, *api.playbooks, id, Field(*fields, "step"),
                                Field(*fields, "done") == "1", actor);
  }
  if (changed) {
    return html::RedirectResponse("/console/requests/" + changed->id +
                                  "?done=" + std::string(action));
  }
  ErrorCode code = changed.error().code();
  if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kFailedPrecondition &&
      code != ErrorCode::kConflict) {
    return ProblemFor(changed.error());
  }
  auto found = app::FindRequest(api.services, id);
  if (!found) return ProblemFor(found.error());
  return ShowRequestPage(api, *staff, *found, StatusFor(code), "", changed.error().message());
}

}  // namespace rightsdesk::http::console
