#include "app/fulfilment.h"

#include <sodium.h>

#include <future>
#include <thread>

#include "app/casework.h"
#include "app/manual_tasks.h"
#include "core/hex.h"
#include "core/random.h"

namespace rightsdesk::app {
namespace {

SystemSearch SearchOne(const SystemMap& system, const SubjectIdentifiers& consumer,
                       const SourceOpener& open, const RetryPolicy& retry) {
  SystemSearch search{.system = system.name};
  auto backoff = retry.first_backoff;
  for (int attempt = 0; attempt <= system.connector.retries; ++attempt) {
    if (attempt > 0) {
      if (retry.sleep) {
        retry.sleep(backoff);
      } else {
        std::this_thread::sleep_for(backoff);
      }
      backoff *= 2;
    }
    ++search.attempts;
    auto source = open(system);
    auto found = source ? (*source)->Discover(consumer)
                        : Result<SystemFindings>(std::unexpected(source.error()));
    if (found) {
      search.findings = std::move(*found);
      search.error.reset();
      return search;
    }
    search.error = found.error();
    if (found.error().code() != ErrorCode::kUnavailable) break;  // retrying will not help
  }
  return search;
}

bool IsConnected(const SystemMap& system) {
  return system.connector.kind != ConnectorSettings::Kind::kManual;
}

// Executes one system's plan and proves it; a failure is part of the outcome, not the end of it.
struct SystemRun {
  std::optional<ErasedSystem> erased;
  std::optional<Error> error;
};

SystemRun EraseOne(const SystemMap& system, const SystemErasurePlan& plan,
                   const SystemFindings& findings, const SubjectIdentifiers& consumer,
                   const SourceOpener& open, const Clock& clock) {
  auto source = open(system);
  if (!source) return {.erased = std::nullopt, .error = source.error()};
  auto applied = (*source)->Erase(plan);
  if (!applied) return {.erased = std::nullopt, .error = applied.error()};
  const Instant executed_at = clock.Now();
  auto reread = (*source)->Reread(findings);
  if (!reread) return {.erased = std::nullopt, .error = reread.error()};
  auto again = (*source)->Discover(consumer);
  if (!again) return {.erased = std::nullopt, .error = again.error()};
  return {.erased = ErasedSystem{.plan = plan,
                                 .proof = ProveErasure(system, plan, *reread, *again),
                                 .executed_at = executed_at},
          .error = std::nullopt};
}

}  // namespace

std::vector<SystemSearch> SearchSystems(const DataMap& map, const SubjectIdentifiers& consumer,
                                        const SourceOpener& open, const RetryPolicy& retry) {
  std::vector<std::future<SystemSearch>> running;
  for (const auto& system : map.systems) {
    if (!IsConnected(system)) continue;
    running.push_back(std::async(std::launch::async, [&, system_ptr = &system] {
      return SearchOne(*system_ptr, consumer, open, retry);
    }));
  }
  std::vector<SystemSearch> searches;
  for (auto& search : running) searches.push_back(search.get());
  return searches;
}

std::vector<std::string> ManualSystems(const DataMap& map) {
  std::vector<std::string> names;
  for (const auto& system : map.systems) {
    if (!IsConnected(system)) names.push_back(system.name);
  }
  return names;
}

nlohmann::json SearchSummary(const std::vector<SystemSearch>& searches) {
  nlohmann::json systems = nlohmann::json::array();
  for (const auto& search : searches) {
    nlohmann::json entry = {{"system", search.system}, {"attempts", search.attempts}};
    if (search.error) {
      entry["error"] = search.error->message();
    } else {
      nlohmann::json tables = nlohmann::json::object();
      for (const auto& table : search.findings->tables) tables[table.table] = table.rows.size();
      entry["rows"] = std::move(tables);
    }
    systems.push_back(std::move(entry));
  }
  return systems;
}

nlohmann::json ErasureReview::Summary() const {
  nlohmann::json plans_json = nlohmann::json::array();
  for (const auto& plan : plans) plans_json.push_back(ErasurePlanSummary(plan));
  return {{"digest", digest},
          {"plans", std::move(plans_json)},
          {"failed_systems", SearchSummary(failed)},
          {"manual_systems", manual_systems}};
}

Result<void> Fulfilment::Record(const Request& request, std::string_view actor, std::string action,
                                nlohmann::json details) {
  auto recorded = RecordOnRequest(
      services_, request.id,
      {.actor = std::string(actor), .action = std::move(action), .details = std::move(details)});
  if (!recorded) return std::unexpected(recorded.error());
  return {};
}

Result<void> Fulfilment::OpenTasks(const Request& request, std::string_view actor) {
  if (services_.fulfilment == nullptr) return {};
  auto tasks = OpenManualTasks(services_, map_, request, actor);
  if (!tasks) return std::unexpected(tasks.error());
  return {};
}

Result<std::vector<ManualSystemTask>> Fulfilment::ManualTaskStates(const Request& request) {
  std::vector<ManualSystemTask> states;
  for (const auto& name : ManualSystems(map_)) states.push_back({.system = name, .done = false});
  if (services_.fulfilment == nullptr) return states;
  auto tasks = services_.fulfilment->TasksOf(request.id);
  if (!tasks) return std::unexpected(tasks.error());
  for (auto& state : states) {
    for (const auto& task : *tasks) {
      if (task.system == state.system && task.status == "done") state.done = true;
    }
  }
  return states;
}

Result<std::vector<SystemSearch>> Fulfilment::Search(std::string_view reference,
                                                     std::string_view actor) {
  auto request = FindRequest(services_, reference);
  if (!request) return std::unexpected(request.error());
  auto searches = SearchSystems(map_, request->subject, open_, retry_);
  nlohmann::json details = {{"systems", SearchSummary(searches)},
                            {"manual_systems", ManualSystems(map_)}};
  if (auto recorded = Record(*request, actor, "fulfilment.searched", std::move(details));
      !recorded) {
    return std::unexpected(recorded.error());
  }
  if (auto tasks = OpenTasks(*request, actor); !tasks) return std::unexpected(tasks.error());
  return searches;
}

Result<Request> Fulfilment::DeleteRequest(std::string_view reference) {
  auto request = FindRequest(services_, reference);
  if (!request) return request;
  if (request->type != RequestType::kDelete) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is a request to " +
                                                    std::string(Name(request->type)) +
                                                    ", not to delete");
  }
  if (request->status != Status::kVerified && request->status != Status::kInProgress) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is " +
                                                    std::string(Name(request->status)) +
                                                    ": deletion needs a verified request");
  }
  return request;
}

Result<ErasureReview> Fulfilment::Review(const Request& request) {
  ErasureReview review;
  ErasureHashKey key{};
  services_.random.Fill(key);
  for (auto& search : SearchSystems(map_, request.subject, open_, retry_)) {
    if (search.error) {
      review.failed.push_back(std::move(search));
      continue;
    }
    auto plan = PlanErasure(*map_.System(search.system), *search.findings, key);
    if (!plan.tables.empty()) review.plans.push_back(std::move(plan));
  }
  sodium_memzero(key.data(), key.size());
  review.manual_systems = ManualSystems(map_);
  review.digest = PlansDigest(review.plans);
  return review;
}

Result<ErasureReview> Fulfilment::PlanDeletion(std::string_view reference, std::string_view actor) {
  auto request = DeleteRequest(reference);
  if (!request) return std::unexpected(request.error());
  if (auto tasks = OpenTasks(*request, actor); !tasks) return std::unexpected(tasks.error());
  auto review = Review(*request);
  if (!review) return review;
  if (auto recorded = Record(*request, actor, "erasure.planned", review->Summary()); !recorded) {
    return std::unexpected(recorded.error());
  }
  return review;
}

Result<ErasureOutcome> Fulfilment::ExecuteDeletion(std::string_view reference,
                                                   std::string_view approved_digest,
                                                   std::string_view actor,
                                                   const CheckpointSigner& signer) {
  auto request = DeleteRequest(reference);
  if (!request) return std::unexpected(request.error());
  // Searched again now: the rows to erase are those of this moment, not of the review.
  std::vector<SystemSearch> searches = SearchSystems(map_, request->subject, open_, retry_);
  ErasureHashKey key{};
  services_.random.Fill(key);
  std::vector<SystemErasurePlan> plans;
  std::vector<const SystemFindings*> findings;
  for (const auto& search : searches) {
    if (search.error) {
      return Fail(ErrorCode::kUnavailable,
                  "cannot erase while " + search.system + " fails: " + search.error->message());
    }
    auto plan = PlanErasure(*map_.System(search.system), *search.findings, key);
    if (plan.tables.empty()) continue;
    plans.push_back(std::move(plan));
    findings.push_back(&*search.findings);
  }
  sodium_memzero(key.data(), key.size());
  if (PlansDigest(plans) != approved_digest) {
    return Fail(ErrorCode::kConflict, "the plan changed since it was reviewed (now " +
                                          PlansDigest(plans) + "): review it again");
  }
  CertificateDraft draft{.certificate_id = NewUuid(services_.random),
                         .reference = request->reference,
                         .issued_at = services_.clock.Now()};
  nlohmann::json failures = nlohmann::json::array();
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const SystemMap& system = *map_.System(plans[i].system);
    auto run = EraseOne(system, plans[i], *findings[i], request->subject, open_, services_.clock);
    if (run.erased) draft.systems.push_back(std::move(*run.erased));
    if (run.error) failures.push_back({{"system", system.name}, {"error", run.error->message()}});
  }
  auto manual = ManualTaskStates(*request);
  if (!manual) return std::unexpected(manual.error());
  draft.manual_systems = std::move(*manual);
  for (const auto& recipient : map_.recipients) draft.recipients.push_back(&recipient);
  ErasureOutcome outcome{.certificate = SignCertificate(draft, signer)};
  outcome.all_verified = failures.empty() && outcome.certificate.value("all_verified", false);
  nlohmann::json details = {{"certificate_id", draft.certificate_id},
                            {"certificate_sha256", Sha256Hex(CertificateText(outcome.certificate))},
                            {"all_verified", outcome.all_verified},
                            {"failures", failures}};
  if (auto recorded = Record(*request, actor, "erasure.executed", std::move(details)); !recorded) {
    return std::unexpected(recorded.error());
  }
  if (!failures.empty()) {
    return Fail(ErrorCode::kUnavailable,
                "erasure incomplete: " + failures[0]["system"].get<std::string>() + ": " +
                    failures[0]["error"].get<std::string>() + " (the others are recorded)");
  }
  if (auto told = NotifyRecipients(services_, map_, *request, RecipientNotice::kDeletion,
                                   {{"certificate_id", draft.certificate_id}}, actor);
      !told) {
    return std::unexpected(told.error());
  }
  return outcome;
}

Result<void> Fulfilment::ConfirmRecipient(std::string_view reference, std::string_view recipient,
                                          RecipientNotice notice, std::string_view actor) {
  const Recipient* known = map_.FindRecipient(recipient);
  if (known == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                "no recipient named '" + std::string(recipient) + "' in the data map");
  }
  auto request = FindRequest(services_, reference);
  if (!request) return std::unexpected(request.error());
  auto recorded = RecordOnRequest(
      services_, request->id,
      {.actor = std::string(actor),
       .action = "recipient.confirmed",
       .details = {{"recipient", known->name}, {"notice", Name(notice)}, {"by", "staff"}}});
  if (!recorded) return std::unexpected(recorded.error());
  return {};
}

}  // namespace rightsdesk::app
