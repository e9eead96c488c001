#include "app/data_point_matching.h"

namespace rightsdesk::app {

nlohmann::json MatchOutcome::Details() const {
  nlohmann::json points = nlohmann::json::array();
  for (DataPoint point : kAllDataPoints) {
    if (best.points.contains(point)) points.push_back(Name(point));
  }
  return {{"points", points},       {"system", best.system}, {"table", best.table},
          {"sensitive", sensitive}, {"searched", searched},  {"failed", failed}};
}

MatchOutcome MatchOutcome::FromDetails(const nlohmann::json& details) {
  MatchOutcome outcome;
  if (!details.is_object()) return outcome;
  outcome.best.system = details.value("system", "");
  outcome.best.table = details.value("table", "");
  outcome.sensitive = details.value("sensitive", false);
  for (const auto& name : details.value("points", nlohmann::json::array())) {
    if (!name.is_string()) continue;
    if (auto point = ParseDataPoint(name.get<std::string>())) outcome.best.points.insert(*point);
  }
  outcome.searched = details.value("searched", std::vector<std::string>{});
  outcome.failed = details.value("failed", std::vector<std::string>{});
  return outcome;
}

MatchOutcome MatchDataPoints(const DataMap& map, const SubjectIdentifiers& consumer,
                             const SourceOpener& open, const RetryPolicy& retry) {
  MatchOutcome outcome;
  for (const SystemSearch& search : SearchSystems(map, consumer, open, retry)) {
    const SystemMap* system = map.System(search.system);
    if (!search.findings || system == nullptr) {
      outcome.failed.push_back(search.system);
      outcome.sensitive = true;  // unknown: assume the worse (§7062(d))
      continue;
    }
    outcome.searched.push_back(search.system);
    SystemMatch match = MatchSystem(*system, *search.findings, consumer);
    if (match.sensitive) outcome.sensitive = true;
    if (match.points.size() > outcome.best.points.size()) outcome.best = std::move(match);
  }
  return outcome;
}

}  // namespace rightsdesk::app
