#include "http/console/console_verification.h"

#include <algorithm>

#include "app/casework.h"
#include "app/staff_accounts.h"
#include "app/verification.h"
#include "app/verification_json.h"
#include "http/console/console.h"
#include "http/console/console_session.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http {
namespace {

using nlohmann::json;

std::string_view DocumentKindText(std::string_view kind) {
  if (kind == app::kPowerOfAttorney) return "power of attorney";
  if (kind == app::kIdentityDocument) return "identity document";
  return "agent's permission";
}

std::string_view ErasedDocumentText(std::string_view kind) {
  return kind == app::kIdentityDocument ? "(erased: decided, or no longer needed)"
                                        : "(erased with the request's personal data)";
}

std::string Listed(const nlohmann::json& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : std::string(separator)) + item.get<std::string>();
  }
  return out;
}

}  // namespace

nlohmann::json VerificationSection(const ApiContext& api, const rightsdesk::Request& request) {
  if (api.verification == nullptr) return nullptr;
  const app::Verification verification(api.services, *api.verification, nullptr, {}, {},
                                       api.verification_options);
  auto view = verification.Show(request.id);
  if (!view) return nullptr;
  nlohmann::json section = app::VerificationJson(*view);
  const std::string points = Listed(section["matched_points"], ", ");
  section["matched_text"] = points.empty()
                                ? (view->matched_on_record ? "nothing matched" : "not matched yet")
                                : points + " (" + view->state.matched_system + ")";
  const std::string confirmed = Listed(section["confirmed_contacts"], ", ");
  const std::string awaiting = Listed(section["awaiting_code"], ", ");
  section["confirmed_text"] =
      (confirmed.empty() ? "nothing" : confirmed) +
      (awaiting.empty() ? "" : "; matched, counting once confirmed: " + awaiting);
  section["declaration_text"] =
      view->declarations.empty()
          ? "none"
          : "signed " + FormatInstant(view->declarations.back().signed_at) + " (statement " +
                view->declarations.back().statement_version + ")";
  section["missing_text"] =
      view->state.missing.empty() ? "nothing" : Listed(section["missing"], "; ");
  json documents = json::array();
  for (const store::ProofDocument& d : view->documents) {
    documents.push_back(
        {{"id", d.id},
         {"kind", DocumentKindText(d.kind)},
         {"filename", d.erased ? std::string(ErasedDocumentText(d.kind)) : d.filename},
         {"erased", d.erased},
         {"identity", d.kind == app::kIdentityDocument},
         {"to_review", d.kind == app::kIdentityDocument && !d.erased},
         {"size", d.size},
         {"added_at", FormatInstant(d.added_at)}});
  }
  section["documents"] = documents;
  section["has_documents"] = !documents.empty();
  if (view->state.by_agent) {
    section["agent_text"] =
        std::string(view->state.agent_permission ? "permission on record" : "no permission yet") +
        "; " +
        (view->state.agent_confirmed ? "confirmed by the consumer"
                                     : "not confirmed by the consumer");
  }
  const std::string reviewed = Listed(section["reviewed_points"], ", ");
  if (!reviewed.empty()) section["reviewed_text"] = reviewed;
  section["verified_text"] =
      view->state.verified ? (view->state.by_reauthentication ? "yes, re-authenticated" : "yes")
                           : "no";
  return section;
}

Response GetProofDocument(const ApiContext& api, const Request& request,
                          std::string_view request_id, std::string_view document_id) {
  auto staff = console::RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  if (api.verification == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "verification is not available here"));
  }
  auto documents = api.verification->DocumentsOf(request_id);
  if (!documents) return ProblemFor(documents.error());
  auto document = std::find_if(documents->begin(), documents->end(),
                               [&](const store::ProofDocument& d) { return d.id == document_id; });
  if (document == documents->end()) {
    return ProblemFor(Error(ErrorCode::kNotFound, "no document " + std::string(document_id)));
  }
  // §7060: a consumer's identity document is for the reviewers who decide on it.
  const Permission needed = document->kind == app::kIdentityDocument ? Permission::kReviewIdentity
                                                                     : Permission::kWorkRequests;
  if (!Allows(staff->user.role, needed)) {
    return ProblemFor(Error(ErrorCode::kPermissionDenied,
                            "your role may not open this document (" +
                                std::string(DocumentKindText(document->kind)) + ")"));
  }
  app::Verification verification(api.services, *api.verification, nullptr, {}, {},
                                 api.verification_options);
  auto opened = verification.OpenDocument(request_id, document_id, app::ActorOf(staff->user));
  if (!opened) return ProblemFor(opened.error());
  return html::DownloadResponse(std::string(opened->second.begin(), opened->second.end()),
                                "application/octet-stream", opened->first.filename);
}

namespace {

app::IdentityReview ReviewFromForm(const QueryParams& fields) {
  auto field = [&fields](const char* name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  app::IdentityReview review{.accepted = field("decision") == "accept", .reason = field("reason")};
  if (review.accepted) {
    if (!field("point_name").empty()) review.points.push_back(DataPoint::kName);
    if (!field("point_address").empty()) review.points.push_back(DataPoint::kAddress);
  }
  return review;
}

}  // namespace

Response PostIdentityReview(const ApiContext& api, const Request& request,
                            std::string_view request_id, std::string_view document_id) {
  auto staff = console::RequireStaff(api, request, Permission::kReviewIdentity);
  if (!staff) return std::move(staff.error());
  auto fields = console::ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  if (api.verification == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "verification is not available here"));
  }
  auto found = app::FindRequest(api.services, request_id);
  if (!found) return ProblemFor(found.error());
  const std::string decision = fields->contains("decision") ? fields->at("decision") : "";
  if (decision != "accept" && decision != "reject") {
    return ProblemFor(Error(ErrorCode::kInvalidArgument, "decide: accept or reject", "/decision"));
  }
  app::Verification verification(api.services, *api.verification, nullptr, {}, {},
                                 api.verification_options);
  auto reviewed = verification.ReviewIdentityDocument(
      found->id, document_id, ReviewFromForm(*fields), app::ActorOf(staff->user));
  if (reviewed) {
    const std::string done = reviewed->state.verified ? "identity-verified" : "identity-reviewed";
    return html::RedirectResponse("/console/requests/" + found->id + "?done=" + done);
  }
  const ErrorCode code = reviewed.error().code();
  if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kFailedPrecondition) {
    return ProblemFor(reviewed.error());
  }
  auto current = app::FindRequest(api.services, found->id);
  if (!current) return ProblemFor(current.error());
  return console::ShowRequestPage(api, *staff, *current, StatusFor(code), "",
                                  reviewed.error().message());
}

}  // namespace rightsdesk::http
