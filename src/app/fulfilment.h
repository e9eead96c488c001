// Fulfilment through the data map: searching every system for a request's consumer, and deleting
// with proof — a plan staff approve by its digest, its execution system by system, a fresh search
// that must find nothing, and a signed erasure certificate. Each step is an audit event on the
// request, with counts and outcomes only (no personal data).
//
// Systems are searched at once, each on its own thread, so a slow or failing system never holds
// up the others; an unavailable one is retried with backoff (its connector's `retries`). A request
// is never complete while a system failed or a manual system's task is open.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/recipient_notices.h"
#include "app/services.h"
#include "connectors/data_source.h"
#include "core/audit_chain.h"
#include "core/correction_plan.h"
#include "core/datamap.h"
#include "core/erasure_certificate.h"
#include "core/findings.h"

namespace rightsdesk::app {

using SourceOpener =
    std::function<Result<std::unique_ptr<connectors::DataSource>>(const SystemMap&)>;

struct RetryPolicy {
  std::chrono::milliseconds first_backoff{500};          // doubled after each failed attempt
  std::function<void(std::chrono::milliseconds)> sleep;  // std::this_thread::sleep_for if empty
};

// Every connected system's search (manual systems are left out: see ManualSystems).
std::vector<SystemSearch> SearchSystems(const DataMap& map, const SubjectIdentifiers& consumer,
                                        const SourceOpener& open, const RetryPolicy& retry);
std::vector<std::string> ManualSystems(const DataMap& map);

// Per system: rows found per table, or the error. For audit events and staff: no values.
nlohmann::json SearchSummary(const std::vector<SystemSearch>& searches);

struct ErasureReview {
  std::vector<SystemErasurePlan> plans;  // systems searched successfully, with rows to act on
  std::vector<SystemSearch> failed;      // systems whose search failed: no erasure until fixed
  std::vector<std::string> manual_systems;
  std::string digest;  // PlansDigest(plans): what staff approve
  nlohmann::json Summary() const;
};

struct ErasureOutcome {
  nlohmann::json certificate;  // signed (core/erasure_certificate.h)
  bool all_verified = false;
};

struct CorrectionOutcome {
  CorrectionPlan plan;
  std::string record_id;              // the sealed before/after record (FulfilmentStore)
  std::vector<std::string> problems;  // systems that failed, changes that did not hold
  bool verified() const { return problems.empty(); }
};

class Fulfilment {
 public:
  // All references must outlive the object.
  Fulfilment(const Services& services, const DataMap& map, SourceOpener open, RetryPolicy retry)
      : services_(services), map_(map), open_(std::move(open)), retry_(std::move(retry)) {}

  // Searches every system for the request's consumer; records `fulfilment.searched`.
  Result<std::vector<SystemSearch>> Search(std::string_view reference, std::string_view actor);

  // The deletion's dry run for a verified (or in progress) delete request; records
  // `erasure.planned` with its digest.
  Result<ErasureReview> PlanDeletion(std::string_view reference, std::string_view actor);

  // Searches and plans again; goes ahead only if the plan's digest is `approved_digest` and no
  // system failed. Executes system by system, re-reads and searches again, and signs the
  // certificate. Records `erasure.executed` (with the certificate's SHA-256) even when a system
  // fails midway, so that the record shows what was done; then tells the recipients.
  // Records that a recipient confirmed it acted on a notice (deleted the consumer's data,
  // opted them out...). kInvalidArgument for a name the data map does not list.
  Result<void> ConfirmRecipient(std::string_view reference, std::string_view recipient,
                                RecipientNotice notice, std::string_view actor);

  // A correction's dry run for a verified (or in progress) correct request: every row of the
  // consumer whose field changes, before and after; records `correction.planned` (fields and
  // counts). Opens the manual systems' tasks.
  Result<CorrectionPlan> PlanCorrection(std::string_view reference,
                                        const std::vector<FieldCorrection>& corrections,
                                        std::string_view actor);

  // Searches and plans again; goes ahead only if the plan's digest is `approved_digest` and no
  // system failed. Applies each system's updates, re-reads the rows, seals the before/after record
  // with `correction.applied` (its SHA-256, whether every change holds), then tells the service
  // providers and contractors (§7023(c)).
  Result<CorrectionOutcome> ExecuteCorrection(std::string_view reference,
                                              const std::vector<FieldCorrection>& corrections,
                                              std::string_view approved_digest,
                                              std::string_view actor);

  const DataMap& map() const { return map_; }

  Result<ErasureOutcome> ExecuteDeletion(std::string_view reference,
                                         std::string_view approved_digest, std::string_view actor,
                                         const CheckpointSigner& signer);

 private:
  Result<Request> DeleteRequest(std::string_view reference);
  Result<Request> CorrectRequest(std::string_view reference);
  Result<CorrectionPlan> SearchAndPlanCorrection(const Request& request,
                                                 const std::vector<FieldCorrection>& corrections);
  std::vector<std::string> ApplyCorrection(const CorrectionPlan& plan);
  Result<ErasureReview> Review(const Request& request);
  Result<void> OpenTasks(const Request& request, std::string_view actor);
  Result<std::vector<ManualSystemTask>> ManualTaskStates(const Request& request);
  Result<void> Record(const Request& request, std::string_view actor, std::string action,
                      nlohmann::json details);

  const Services& services_;
  const DataMap& map_;
  SourceOpener open_;
  RetryPolicy retry_;
};

}  // namespace rightsdesk::app
