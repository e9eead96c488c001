// An installation is one data directory: its settings (rightsdesk.toml), its keys (keys/) and its
// ledger (rightsdesk.db). `Init` creates one; `Open` loads the settings and keys and opens the
// store, and refuses a directory that was never initialised rather than creating a new ledger
// beside the real one by accident.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "config/installation_config.h"
#include "core/audit_chain.h"
#include "core/error.h"
#include "core/time.h"
#include "security/account_tokens.h"
#include "store/audit_trail.h"
#include "store/code_store.h"
#include "store/correction_store.h"
#include "store/drp_store.h"
#include "store/feedback_store.h"
#include "store/fulfilment_store.h"
#include "store/inbox_store.h"
#include "store/job_store.h"
#include "store/outbox_store.h"
#include "store/preference_store.h"
#include "store/request_store.h"
#include "store/review_store.h"
#include "store/task_attachment_store.h"
#include "store/token_store.h"
#include "store/training_store.h"
#include "store/user_store.h"
#include "store/verification_store.h"

namespace rightsdesk::app {

struct DataDir {
  std::filesystem::path root;
  std::filesystem::path settings() const { return root / "rightsdesk.toml"; }
  std::filesystem::path keys() const { return root / "keys"; }
  std::filesystem::path database() const { return root / "rightsdesk.db"; }
  // The company's systems (docs/datamap.md); absent until the company maps them.
  std::filesystem::path datamap() const { return root / "datamap.toml"; }
  // Signed erasure certificates, one file each (docs/fulfilment.md).
  std::filesystem::path certificates() const { return root / "certificates"; }
  // The company's own training scenarios, one *.toml each, added to the shipped library
  // (docs/training.md); absent or empty: the shipped ones only.
  std::filesystem::path training() const { return root / "training"; }
};

struct OpenOptions {
  // Overrides [store] group_commit_max_batch (benchmarks compare group commit with none).
  std::optional<int> group_commit_max_batch;
};

class Installation {
 public:
  // Creates the directory (0700), a fresh master key (unless RIGHTSDESK_MASTER_KEY is set), the
  // starter settings file and the ledger, whose first audit event records the initialisation.
  // kAlreadyExists if the directory already holds an installation.
  static Result<void> Init(const DataDir& dir, const Clock& clock, std::string_view actor);

  // kNotFound (with the `init` command to run) if the directory holds no installation.
  static Result<std::unique_ptr<Installation>> Open(const DataDir& dir, const Clock& clock,
                                                    OpenOptions options = {});

  // The settings alone (no keys, no store): the file's if present, else the shipped defaults,
  // with the company's training scenarios (DataDir::training) in the library.
  static Result<config::InstallationConfig> LoadSettings(const DataDir& dir);

  const config::InstallationConfig& config() const { return config_; }
  const Ruleset& ruleset() const { return config_.ruleset; }
  store::RequestStore& requests() { return *requests_; }
  store::AuditTrail& trail() { return *trail_; }
  store::TokenStore& tokens() { return *tokens_; }
  store::PreferenceStore& preferences() { return *preferences_; }
  store::UserStore& users() { return *users_; }
  store::OutboxStore& outbox() { return *outbox_; }
  store::CorrectionStore& corrections() { return *corrections_; }
  store::JobStore& jobs() { return *jobs_; }
  store::InboxStore& inbox() { return *inbox_; }
  store::FulfilmentStore& fulfilment() { return *fulfilment_; }
  store::TaskAttachmentStore& attachments() { return *attachments_; }
  store::CodeStore& codes() { return *codes_; }
  store::VerificationStore& verification() { return *verification_; }
  store::DrpStore& drp() { return *drp_; }
  store::FeedbackStore& feedback() { return *feedback_; }
  store::ReviewStore& reviews() { return *reviews_; }
  store::TrainingStore& training() { return *training_; }
  const PublicKey& public_key() const { return public_key_; }
  // Signs with the installation's Ed25519 key (audit checkpoints, erasure certificates).
  const CheckpointSigner& signer() const { return *signer_; }
  // The public keys of the company's login when [verification.account_token] is configured (read
  // by Open, so a bad key file stops every command at start); null otherwise.
  const security::AccountTokenKeys* account_token_keys() const {
    return account_token_keys_ ? &*account_token_keys_ : nullptr;
  }

 private:
  Installation() = default;

  config::InstallationConfig config_;
  PublicKey public_key_{};
  std::shared_ptr<const CheckpointSigner> signer_;
  std::optional<security::AccountTokenKeys> account_token_keys_;
  std::shared_ptr<void> owner_;  // the concrete store behind both interfaces
  store::RequestStore* requests_ = nullptr;
  store::AuditTrail* trail_ = nullptr;
  store::TokenStore* tokens_ = nullptr;
  store::PreferenceStore* preferences_ = nullptr;
  store::UserStore* users_ = nullptr;
  store::OutboxStore* outbox_ = nullptr;
  store::CorrectionStore* corrections_ = nullptr;
  store::JobStore* jobs_ = nullptr;
  store::InboxStore* inbox_ = nullptr;
  store::FulfilmentStore* fulfilment_ = nullptr;
  store::TaskAttachmentStore* attachments_ = nullptr;
  store::CodeStore* codes_ = nullptr;
  store::VerificationStore* verification_ = nullptr;
  store::DrpStore* drp_ = nullptr;
  store::FeedbackStore* feedback_ = nullptr;
  store::ReviewStore* reviews_ = nullptr;
  store::TrainingStore* training_ = nullptr;
};

}  // namespace rightsdesk::app
