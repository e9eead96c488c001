#include "app/verification_json.h"

namespace rightsdesk::app {

using nlohmann::json;

std::string RequirementText(const VerificationRequirement& required) {
  if (required.points == 0 && !required.declaration) return "none";
  std::string text = std::to_string(required.points) + " matched data points";
  if (required.declaration) text += " + signed declaration";
  return text;
}

namespace {

// Names stay out: the API lists what was given and its fingerprint; staff open the file.
json DocumentsJson(const std::vector<store::ProofDocument>& documents) {
  json out = json::array();
  for (const auto& d : documents) {
    out.push_back({{"id", d.id},
                   {"kind", d.kind},
                   {"size", d.size},
                   {"sha256", d.sha256},
                   {"added_at", FormatInstant(d.added_at)},
                   {"erased", d.erased}});
  }
  return out;
}

}  // namespace

json VerificationJson(const VerificationView& view) {
  const VerificationState& state = view.state;
  json matched = json::array();
  for (DataPoint point : state.matched) matched.push_back(Name(point));
  json confirmed = json::array();
  for (DataPoint point : state.confirmed) confirmed.push_back(Name(point));
  json awaiting = json::array();
  for (DataPoint point : state.awaiting_code) awaiting.push_back(Name(point));
  json reviewed = json::array();
  for (DataPoint point : state.reviewed) reviewed.push_back(Name(point));
  json declarations = json::array();
  for (const auto& d : view.declarations) {
    declarations.push_back({{"id", d.id},
                            {"statement_version", d.statement_version},
                            {"signed_at", FormatInstant(d.signed_at)},
                            {"signed_by", d.purged ? json(nullptr) : json(d.full_name)},
                            {"ip", d.purged || d.ip.empty() ? json(nullptr) : json(d.ip)}});
  }
  return {
      {"reference", view.request.reference},
      {"type", Name(view.request.type)},
      {"status", Name(view.request.status)},
      {"level", Name(state.required.level)},
      {"requires",
       {{"points", state.required.points},
        {"declaration", state.required.declaration},
        {"text", RequirementText(state.required)}}},
      {"matched_points", matched},
      {"matched_system", state.matched_system.empty() ? json(nullptr) : json(state.matched_system)},
      {"matching_done", view.matched_on_record},
      {"confirmed_contacts", confirmed},
      {"awaiting_code", awaiting},
      {"reviewed_points", reviewed},
      {"systems_failed", view.systems_failed},
      {"declarations", declarations},
      {"by_reauthentication", state.by_reauthentication},
      {"agent", state.by_agent ? json{{"permission", state.agent_permission},
                                      {"confirmed", state.agent_confirmed},
                                      {"documents", DocumentsJson(view.documents)}}
                               : json(nullptr)},
      {"documents", DocumentsJson(view.documents)},
      {"missing", state.missing},
      {"verified", state.verified},
      {"fallback", view.fallback ? json(*view.fallback) : json(nullptr)}};
}

}  // namespace rightsdesk::app
