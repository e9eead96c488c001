// POST /console/requests/{id}/fulfil/{action}: the fulfilment work staff start from a request's
// page (docs/web.md). Each action runs the use case `rightsdesk fulfil` runs, then shows the
// request again: with what was done, with the deletion plan to approve, or with why the work
// could not go ahead (a system down, a plan that changed, a task still open). Verification's
// matching and its recorded failure run from here too (app/verification.h), since matching
// searches the same systems.
#include <sstream>

#include "app/access_delivery.h"
#include "app/casework.h"
#include "app/preferences.h"
#include "app/staff_accounts.h"
#include "app/verification.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

std::string FulfilField(const QueryParams& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// One RE2 pattern per line of the form's text area.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

Result<app::RecipientNotice> NoticeNamed(std::string_view name) {
  for (auto notice : {app::RecipientNotice::kDeletion, app::RecipientNotice::kOptOut,
                      app::RecipientNotice::kLimit, app::RecipientNotice::kCorrection}) {
    if (app::Name(notice) == name) return notice;
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown notice '" + std::string(name) + "'");
}

// What an action did, as a `done` code for the page, or the plan to show (json) for erase-plan.
struct Outcome {
  std::string done;
  json extra = json::object();
};

Result<Outcome> Run(const ApiContext& api, app::Fulfilment& fulfilment, std::string_view id,
                    std::string_view action, const QueryParams& fields, const std::string& actor) {
  const app::Services& services = api.services;
  if (action == "search") {
    auto searched = fulfilment.Search(id, actor);
    if (!searched) return std::unexpected(searched.error());
    return Outcome{"search"};
  }
  if (action == "package") {
    auto issued = app::IssueAccessPackage(
        services, fulfilment, id, Lines(FulfilField(fields, "redact")), api.desk->package, actor);
    if (!issued) return std::unexpected(issued.error());
    return Outcome{"package"};
  }
  if (action == "categories") {
    auto disclosed = app::DiscloseCategoriesFor(services, fulfilment.map(), id, actor);
    if (!disclosed) return std::unexpected(disclosed.error());
    return Outcome{"categories"};
  }
  if (action == "erase-plan") {
    auto review = fulfilment.PlanDeletion(id, actor);
    if (!review) return std::unexpected(review.error());
    json plan = review->Summary();
    plan["can_execute"] = review->failed.empty() && api.desk->signer != nullptr;
    return Outcome{"", {{"plan", plan}}};
  }
  if (action == "erase") {
    if (api.desk->signer == nullptr) {
      return Fail(ErrorCode::kFailedPrecondition, "this server cannot sign erasure certificates");
    }
    auto outcome =
        fulfilment.ExecuteDeletion(id, FulfilField(fields, "digest"), actor, *api.desk->signer);
    if (!outcome) return std::unexpected(outcome.error());
    if (auto kept = api.desk->SaveCertificate(outcome->certificate); !kept) {
      return std::unexpected(kept.error());
    }
    return Outcome{outcome->all_verified ? "erase" : "erase-unverified"};
  }
  if (action == "honor") {
    if (api.preferences == nullptr) return Fail(ErrorCode::kInternal, "no preference ledger");
    auto honored =
        app::HonorPreferenceRequest(services, *api.preferences, fulfilment.map(), id, actor);
    if (!honored) return std::unexpected(honored.error());
    return Outcome{"honor"};
  }
  if (action == "verify-match" || action == "verify-fail") {
    if (api.verification == nullptr) {
      return Fail(ErrorCode::kUnavailable, "verification is not available on this server");
    }
    app::Verification verification(services, *api.verification, &fulfilment.map(), api.desk->open,
                                   api.desk->retry, api.verification_options);
    if (action == "verify-fail") {
      auto failed = verification.RecordFailure(id, FulfilField(fields, "reason"), actor);
      if (!failed) return std::unexpected(failed.error());
      return Outcome{"verification-failed"};
    }
    auto matched = verification.Match(id, actor);
    if (!matched) return std::unexpected(matched.error());
    return Outcome{matched->state.verified ? "verified" : "matched"};
  }
  if (action == "confirm") {
    auto notice = NoticeNamed(FulfilField(fields, "notice"));
    if (!notice) return std::unexpected(notice.error());
    auto confirmed =
        fulfilment.ConfirmRecipient(id, FulfilField(fields, "recipient"), *notice, actor);
    if (!confirmed) return std::unexpected(confirmed.error());
    return Outcome{"confirm"};
  }
  return Fail(ErrorCode::kNotFound, "no such fulfilment action");
}

// Failures staff can act on are shown on the page; the others are problems.
bool FulfilShownOnPage(ErrorCode code) {
  return code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition ||
         code == ErrorCode::kConflict || code == ErrorCode::kUnavailable ||
         code == ErrorCode::kPermissionDenied;
}

}  // namespace

Response PostFulfil(const ApiContext& api, const Request& request, std::string_view id,
                    std::string_view action) {
  auto staff = RequireStaff(api, request, Permission::kWorkRequests);
  if (!staff) return std::move(staff.error());
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  auto found = app::FindRequest(api.services, id);
  if (!found) return ProblemFor(found.error());
  Result<Outcome> outcome =
      Fail(ErrorCode::kFailedPrecondition, "this server has no data map to fulfil requests with");
  Result<DataMap> map =
      api.desk != nullptr ? api.desk->LoadMap() : Result<DataMap>(std::unexpected(outcome.error()));
  if (map) {
    app::Fulfilment fulfilment(api.services, *map, api.desk->open, api.desk->retry);
    outcome = Run(api, fulfilment, found->id, action, *fields, app::ActorOf(staff->user));
  } else {
    outcome = std::unexpected(map.error());
  }
  if (outcome && !outcome->done.empty()) {
    return html::RedirectResponse("/console/requests/" + found->id + "?done=" + outcome->done);
  }
  if (!outcome && !FulfilShownOnPage(outcome.error().code())) return ProblemFor(outcome.error());
  auto current = app::FindRequest(api.services, found->id);
  if (!current) return ProblemFor(current.error());
  if (!outcome) {
    return ShowRequestPage(api, *staff, *current, StatusFor(outcome.error().code()), "",
                           outcome.error().message());
  }
  return ShowRequestPage(api, *staff, *current, 200, "", "", outcome->extra);
}

}  // namespace rightsdesk::http::console
