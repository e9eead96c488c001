// Data-point matching through the data map (issue 4; Cal. Code Regs. tit. 11 §7062(b)-(c)): the
// consumer's identifiers are looked up in every connected system, and the record that agrees on
// the most points says how many points matched. The outcome names the points and the system,
// never the values, so it can be recorded in the audit trail.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/fulfilment.h"
#include "core/data_point_match.h"
#include "core/datamap.h"
#include "core/subject.h"

namespace rightsdesk::app {

struct MatchOutcome {
  SystemMatch best;  // best.system is "" when no system holds a record that matched
  // Whether the consumer's records hold sensitive personal information. A system whose search
  // failed may hold some: then this is true as well (the conservative reading of §7062(d)), and
  // the system is named in `failed`.
  bool sensitive = false;
  std::vector<std::string> searched;  // systems searched successfully
  std::vector<std::string> failed;    // systems whose search failed after its retries

  // For the `verification.matched` event: point names, system, table, sensitivity, systems.
  nlohmann::json Details() const;
  // The inverse of Details(), for reading the proofs back from the trail; unknown point names
  // are ignored.
  static MatchOutcome FromDetails(const nlohmann::json& details);
};

// Searches every connected system for `consumer` (app/fulfilment.h SearchSystems) and matches
// each system's records. Never fails as a whole: a failing system is listed in `failed`.
MatchOutcome MatchDataPoints(const DataMap& map, const SubjectIdentifiers& consumer,
                             const SourceOpener& open, const RetryPolicy& retry);

}  // namespace rightsdesk::app
