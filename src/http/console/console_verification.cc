#include "http/console/console_verification.h"

#include "app/verification.h"
#include "app/verification_json.h"

namespace rightsdesk::http {
namespace {

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
  section["verified_text"] =
      view->state.verified ? (view->state.by_reauthentication ? "yes, re-authenticated" : "yes")
                           : "no";
  return section;
}

}  // namespace rightsdesk::http
