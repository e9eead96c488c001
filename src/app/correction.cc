// Fulfilment's corrections (app/fulfilment.h, core/correction_plan.h; docs/fulfilment.md).
#include <algorithm>

#include "app/casework.h"
#include "app/fulfilment.h"
#include "app/recipient_notices.h"
#include "core/hex.h"
#include "core/random.h"

namespace rightsdesk::app {
namespace {

nlohmann::json FieldNames(const CorrectionPlan& plan) {
  nlohmann::json names = nlohmann::json::array();
  const nlohmann::json summary = plan.Summary();  // kept alive while its fields are walked
  for (const auto& [where, rows] : summary["fields"].items()) names.push_back(where);
  return names;
}

}  // namespace

Result<Request> Fulfilment::CorrectRequest(std::string_view reference) {
  auto request = FindRequest(services_, reference);
  if (!request) return request;
  if (request->type != RequestType::kCorrect) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is a request to " +
                                                    std::string(Name(request->type)) +
                                                    ", not to correct");
  }
  if (request->status != Status::kVerified && request->status != Status::kInProgress) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is " +
                                                    std::string(Name(request->status)) +
                                                    ": correction needs a verified request");
  }
  return request;
}

Result<CorrectionPlan> Fulfilment::SearchAndPlanCorrection(
    const Request& request, const std::vector<FieldCorrection>& corrections) {
  std::vector<SystemFindings> found;
  for (auto& search : SearchSystems(map_, request.subject, open_, retry_)) {
    if (search.error) {
      return Fail(ErrorCode::kUnavailable,
                  "cannot correct while " + search.system + " fails: " + search.error->message());
    }
    found.push_back(std::move(*search.findings));
  }
  return rightsdesk::PlanCorrection(map_, found, corrections);
}

Result<CorrectionPlan> Fulfilment::PlanCorrection(std::string_view reference,
                                                  const std::vector<FieldCorrection>& corrections,
                                                  std::string_view actor) {
  auto request = CorrectRequest(reference);
  if (!request) return std::unexpected(request.error());
  if (auto tasks = OpenTasks(*request, actor); !tasks) return std::unexpected(tasks.error());
  auto plan = SearchAndPlanCorrection(*request, corrections);
  if (!plan) return plan;
  if (auto recorded = Record(*request, actor, "correction.planned", plan->Summary()); !recorded) {
    return std::unexpected(recorded.error());
  }
  return plan;
}

// Applies each system's updates and re-reads the rows; what failed or did not hold, no values.
std::vector<std::string> Fulfilment::ApplyCorrection(const CorrectionPlan& plan) {
  std::vector<std::string> problems;
  std::vector<SystemFindings> reread;
  for (const SystemErasurePlan& updates : plan.updates) {
    auto source = open_(*map_.System(updates.system));
    if (!source) {
      problems.push_back(updates.system + ": " + source.error().message());
      continue;
    }
    if (auto applied = (*source)->Erase(updates); !applied) {
      problems.push_back(updates.system + ": " + applied.error().message());
      continue;
    }
    SystemFindings rows{.system = updates.system};
    for (const auto& table : updates.tables) {
      FoundTable keys{.table = table.table};
      for (const auto& update : table.updates) keys.rows.push_back({.key = update.key});
      rows.tables.push_back(std::move(keys));
    }
    auto now = (*source)->Reread(rows);
    if (!now) {
      problems.push_back(updates.system + ": re-reading: " + now.error().message());
      continue;
    }
    reread.push_back(std::move(*now));
  }
  for (auto& problem : UnappliedChanges(map_, plan, reread)) {
    bool system_failed = std::ranges::any_of(problems, [&](const std::string& p) {
      return problem.starts_with(p.substr(0, p.find(':')) + ".");
    });
    if (!system_failed) problems.push_back("not changed: " + problem);
  }
  return problems;
}

Result<CorrectionOutcome> Fulfilment::ExecuteCorrection(
    std::string_view reference, const std::vector<FieldCorrection>& corrections,
    std::string_view approved_digest, std::string_view actor) {
  if (services_.fulfilment == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition, "no fulfilment store to seal the record in");
  }
  auto request = CorrectRequest(reference);
  if (!request) return std::unexpected(request.error());
  auto plan = SearchAndPlanCorrection(*request, corrections);
  if (!plan) return std::unexpected(plan.error());
  if (plan->digest != approved_digest) {
    return Fail(ErrorCode::kConflict, "the correction changed since it was reviewed (now " +
                                          plan->digest + "): review it again");
  }
  CorrectionOutcome outcome{.plan = std::move(*plan)};
  outcome.problems = ApplyCorrection(outcome.plan);
  const std::string record =
      nlohmann::json{{"changes", outcome.plan.Record()}, {"problems", outcome.problems}}.dump();
  store::CorrectionRecord stored{.id = NewUuid(services_.random),
                                 .request_id = request->id,
                                 .created_at = services_.clock.Now(),
                                 .sha256 = Sha256Hex(record),
                                 .record = record};
  outcome.record_id = stored.id;
  nlohmann::json details = outcome.plan.Summary();
  details["record_id"] = stored.id;
  details["record_sha256"] = stored.sha256;
  details["verified"] = outcome.verified();
  details["problems"] = outcome.problems;
  AuditEventDraft applied{.request_id = request->id,
                          .actor = std::string(actor),
                          .action = "correction.applied",
                          .at = stored.created_at,
                          .details = std::move(details)};
  if (auto sealed = services_.fulfilment->StoreCorrection(stored, applied); !sealed) {
    return std::unexpected(sealed.error());
  }
  if (!outcome.verified()) return outcome;
  auto told = NotifyRecipients(services_, map_, *request, RecipientNotice::kCorrection,
                               {{"fields", FieldNames(outcome.plan)}}, actor);
  if (!told) return std::unexpected(told.error());
  return outcome;
}

}  // namespace rightsdesk::app
