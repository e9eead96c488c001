#include "http/staff_api.h"

#include <array>
#include <charconv>

#include "app/audit_service.h"
#include "app/casework.h"
#include "app/ledger_consistency.h"
#include "app/request_json.h"
#include "app/verification_json.h"
#include "core/hex.h"
#include "http/auth.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/responses.h"

namespace rightsdesk::http {
namespace {

using nlohmann::json;

}  // namespace

Result<app::QueueFilter> ReadQueueFilter(const QueryParams& query) {
  app::QueueFilter filter;
  for (const auto& [name, value] : query) {
    if (name == "q") {
      filter.q = value;
    } else if (name == "status") {
      filter.status = value;
    } else if (name == "type") {
      filter.type = value;
    } else if (name == "after") {
      filter.after = value;
    } else if (name == "overdue") {
      if (value != "true" && value != "false") {
        return Fail(ErrorCode::kInvalidArgument, "overdue must be true or false", "/overdue");
      }
      filter.overdue = value == "true";
    } else if (name == "limit") {
      std::size_t limit = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (ec != std::errc() || end != value.data() + value.size() || limit < 1 || limit > 1000) {
        return Fail(ErrorCode::kInvalidArgument, "limit must be 1-1000", "/limit");
      }
      filter.limit = limit;
    } else {
      return Fail(ErrorCode::kInvalidArgument, "unknown query parameter '" + name + "'",
                  "/" + name);
    }
  }
  return filter;
}

namespace {

// The "reason" (and "to") string members of a change's body.
Result<std::string> StringMember(const json& body, const char* key) {
  auto it = body.is_object() ? body.find(key) : body.end();
  if (!body.is_object() || it == body.end() || !it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(key) + " is required (a string)",
                std::string("/") + key);
  }
  return it->get<std::string>();
}

// An optional string member: "" when absent; kInvalidArgument when present but not a string.
Result<std::string> OptionalStringMember(const json& body, const char* key) {
  if (!body.is_object() || !body.contains(key)) return std::string();
  return StringMember(body, key);
}

Response RequestWithEvents(const ApiContext& api, const rightsdesk::Request& r) {
  auto out = app::RequestDetailJson(api.services, r);
  if (!out) return ProblemFor(out.error());
  return JsonResponse(200, *out);
}

// Every change endpoint has one shape: the token may work requests, the body is JSON with the
// named string members (`apply` also sees the whole body, for optional ones), the change is
// applied, and the answer is the request with its events.
template <std::size_t N, typename Apply>
Response ChangeEndpoint(const ApiContext& api, const Request& request,
                        const std::array<const char*, N>& members, Apply apply) {
  auto token = RequirePermission(request, api.tokens, Permission::kWorkRequests);
  if (!token) return std::move(token.error());
  auto body = ReadJsonBody(request);
  if (!body) return std::move(body.error());
  std::array<std::string, N> values;
  for (std::size_t i = 0; i < N; ++i) {
    auto value = StringMember(*body, members[i]);
    if (!value) return ProblemFor(value.error());
    values[i] = std::move(*value);
  }
  Result<rightsdesk::Request> changed = apply(values, ActorOf(*token), *body);
  if (!changed) return ProblemFor(changed.error());
  return RequestWithEvents(api, *changed);
}

}  // namespace

Response ListRequests(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto query = ParseQuery(View(request.target()));
  if (!query) return ProblemFor(query.error());
  auto filter = ReadQueueFilter(*query);
  if (!filter) return ProblemFor(filter.error());
  auto page = app::ListQueue(api.services, *filter);
  if (!page) return ProblemFor(page.error());
  json out = {{"requests", json::array()}, {"next", page->next ? json(*page->next) : json()}};
  Instant now = api.services.clock.Now();
  for (const rightsdesk::Request& r : page->requests) {
    out["requests"].push_back(app::RequestJson(r, now));
  }
  return JsonResponse(200, out);
}

Response ShowRequest(const ApiContext& api, const Request& request, const PathParams& params) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto found = app::FindRequest(api.services, params.at("id"));
  if (!found) return ProblemFor(found.error());
  return RequestWithEvents(api, *found);
}

Response PostTransition(const ApiContext& api, const Request& request, const PathParams& params) {
  return ChangeEndpoint<2>(
      api, request, {"to", "reason"},
      [&](const auto& v, const auto& actor, const json& body) -> Result<rightsdesk::Request> {
        auto basis = OptionalStringMember(body, "basis");
        if (!basis) return std::unexpected(basis.error());
        return app::TransitionTo(api.services, params.at("id"), v[0], v[1], actor, *basis);
      });
}

Response PostExtend(const ApiContext& api, const Request& request, const PathParams& params) {
  return ChangeEndpoint<1>(api, request, {"reason"},
                           [&](const auto& v, const auto& actor, const json&) {
                             return app::Extend(api.services, params.at("id"), v[0], actor);
                           });
}

Response PostNote(const ApiContext& api, const Request& request, const PathParams& params) {
  return ChangeEndpoint<1>(api, request, {"note"},
                           [&](const auto& v, const auto& actor, const json&) {
                             return app::AddNote(api.services, params.at("id"), v[0], actor);
                           });
}

Response PostAssign(const ApiContext& api, const Request& request, const PathParams& params) {
  return ChangeEndpoint<1>(api, request, {"assignee"},
                           [&](const auto& v, const auto& actor, const json&) {
                             return app::Assign(api.services, params.at("id"), v[0], actor);
                           });
}

Response GetVerification(const ApiContext& api, const Request& request, const PathParams& params) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  if (api.verification == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "verification is not set up"));
  }
  // Showing needs no data map: matching is done from the CLI (`request verify --match`).
  const app::Verification verification(api.services, *api.verification, nullptr, {}, {},
                                       api.verification_options);
  auto view = verification.Show(params.at("id"));
  if (!view) return ProblemFor(view.error());
  return JsonResponse(200, app::VerificationJson(*view));
}

Response VerifyAudit(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadAudit);
  if (!token) return std::move(token.error());
  auto report = app::VerifyStoredTrail(api.trail, api.public_key);
  if (!report) return ProblemFor(report.error());
  json out = {{"ok", report->ok()},
              {"events", report->events},
              {"checkpoints", report->checkpoints},
              {"head_seq", report->head_seq},
              {"head_hash", ToHex(report->head_hash)},
              {"public_key", ToHex(api.public_key)},
              {"problem", nullptr}};
  if (!report->ok()) {
    const AuditProblem& p = *report->problem;
    out["problem"] = {{"seq", p.seq}, {"action", p.action}, {"what", p.what}};
    return JsonResponse(200, out);
  }
  auto agree = app::CheckLedgerConsistency(api.services.requests, api.trail);
  if (!agree) return ProblemFor(agree.error());
  if (agree->mismatch) {
    out["ok"] = false;
    out["problem"] = {{"request", agree->mismatch->request}, {"what", agree->mismatch->what}};
  }
  return JsonResponse(200, out);
}

}  // namespace rightsdesk::http
