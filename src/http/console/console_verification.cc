#include "http/console/console_verification.h"

#include "app/staff_accounts.h"
#include "app/verification.h"
#include "app/verification_json.h"
#include "http/console/console_session.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http {
namespace {

using nlohmann::json;

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
         {"kind", d.kind == app::kPowerOfAttorney ? "power of attorney" : "agent's permission"},
         {"filename", d.erased ? "(erased with the request's personal data)" : d.filename},
         {"erased", d.erased},
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
  section["verified_text"] =
      view->state.verified ? (view->state.by_reauthentication ? "yes, re-authenticated" : "yes")
                           : "no";
  return section;
}

Response GetProofDocument(const ApiContext& api, const Request& request,
                          std::string_view request_id, std::string_view document_id) {
  auto staff = console::RequireStaff(api, request, Permission::kWorkRequests);
  if (!staff) return std::move(staff.error());
  if (api.verification == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "verification is not available here"));
  }
  app::Verification verification(api.services, *api.verification, nullptr, {}, {},
                                 api.verification_options);
  auto opened = verification.OpenDocument(request_id, document_id, app::ActorOf(staff->user));
  if (!opened) return ProblemFor(opened.error());
  return html::DownloadResponse(std::string(opened->second.begin(), opened->second.end()),
                                "application/octet-stream", opened->first.filename);
}

}  // namespace rightsdesk::http
