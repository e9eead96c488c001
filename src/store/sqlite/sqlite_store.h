// The embedded default store: one SQLite file in WAL mode, one writer thread with group commit
// (ledger_writer.h), a pool of readers. Implements RequestStore, AuditTrail, TokenStore,
// PreferenceStore, UserStore, OutboxStore, CorrectionStore, JobStore, InboxStore, FulfilmentStore,
// TaskAttachmentStore, CodeStore, VerificationStore, DrpStore, FeedbackStore, TrainingStore and
// ReviewStore; see those interfaces for the contracts. Several processes may open the same file
// (the CLI beside a server): SQLite's locks serialise their writers and the chain head is re-read
// under the lock.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "core/time.h"
#include "security/ed25519_signer.h"
#include "security/keys.h"
#include "security/sealer.h"
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
#include "store/sqlite/ledger_writer.h"
#include "store/sqlite/reader_pool.h"
#include "store/sqlite/request_rows.h"
#include "store/task_attachment_store.h"
#include "store/token_store.h"
#include "store/training_store.h"
#include "store/user_store.h"
#include "store/verification_store.h"

namespace rightsdesk::store::sqlite {

struct SqliteStoreOptions {
  int group_commit_max_batch = 1024;
  int readers = 4;
  CheckpointPolicy checkpoints;
};

class SqliteStore final : public RequestStore,
                          public AuditTrail,
                          public TokenStore,
                          public PreferenceStore,
                          public UserStore,
                          public OutboxStore,
                          public CorrectionStore,
                          public JobStore,
                          public InboxStore,
                          public FulfilmentStore,
                          public TaskAttachmentStore,
                          public CodeStore,
                          public VerificationStore,
                          public DrpStore,
                          public FeedbackStore,
                          public TrainingStore,
                          public ReviewStore {
 public:
  // Opens (creating if needed) and migrates the database at `path`. `clock` must outlive the
  // store. kUnavailable if the file cannot be opened; kFailedPrecondition if its schema is newer.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& path,
                                                   const security::InstallationKeys& keys,
                                                   const Clock& clock, SqliteStoreOptions options);
  ~SqliteStore() override;

  Result<Request> Insert(const Request& request, const AuditEventDraft& submitted,
                         const std::vector<NoticeDraft>& notices,
                         const BeforeInsert& before_insert) override;
  Result<Request> Apply(const RequestChange& change) override;
  Result<Request> FindByReference(std::string_view reference) const override;
  Result<Request> FindById(std::string_view id) const override;
  Result<RequestPage> List(const RequestQuery& query) const override;
  Result<std::vector<AuditEvent>> EventsOf(std::string_view request_id) const override;
  Result<std::vector<QueuedNotice>> NoticesOf(std::string_view request_id) const override;
  Result<std::int64_t> CountByEmail(std::string_view email) const override;
  Result<std::int64_t> CountReceived(RequesterRole role, std::string_view email, Instant from,
                                     Instant until) const override;
  Result<std::vector<RequestCount>> CountByStatusAndType() const override;
  Result<QueueCounts> CountQueue(Instant now, Instant due_before,
                                 Instant received_since) const override;
  Result<std::vector<std::string>> ClosedBefore(Instant cutoff, std::size_t limit) const override;
  Result<bool> PurgePersonalData(std::string_view request_id, Instant at,
                                 const AuditEventDraft& purged) override;
  Result<void> ForEachOutcome(
      Date first, Date last,
      const std::function<void(const RequestOutcome&)>& visit) const override;
  Result<void> ForEachRecord(Date first, Date end,
                             const std::function<void(const RequestRecord&)>& visit) const override;
  Result<RequestRecord> FindRecord(std::string_view reference_or_id) const override;
  Result<void> ForEachDashboardRow(
      Date first, Date end, Instant closed_from, Instant closed_end,
      const std::function<void(const DashboardRow&)>& visit) const override;
  Result<void> ForEachStatusHistory(
      Date first, Date end, const std::function<void(const StatusHistory&)>& visit) const override;

  Result<AuditEvent> Append(const AuditEventDraft& draft) override;
  Result<void> ReadTrail(TrailVisitor& visitor) const override;
  Result<Checkpoint> CheckpointNow() override;

  Result<void> CreateToken(const ApiToken& token, const AuditEventDraft& created) override;
  Result<ApiToken> FindTokenByHash(const Hash& hash) const override;

  Result<bool> RecordOptOut(const OptOut& opt_out, const AuditEventDraft& recorded) override;
  Result<bool> HasOptOut(PreferenceSubject subject, std::string_view key,
                         PreferenceScope scope) const override;

  Result<void> CreateUser(const StaffUser& user, const AuditEventDraft& created) override;
  Result<StaffUser> FindUserByName(std::string_view username) const override;
  Result<StaffUser> FindUserById(std::string_view id) const override;
  Result<void> RecordLoginFailure(std::string_view user_id, int failed_logins,
                                  std::optional<Instant> locked_until,
                                  const std::optional<AuditEventDraft>& locked) override;
  Result<void> StartSession(const StaffSession& session, std::int64_t totp_step,
                            const AuditEventDraft& login) override;
  Result<StaffSession> FindSession(const Hash& token_hash) const override;
  Result<void> EndSession(const Hash& token_hash, Instant at,
                          const AuditEventDraft& logout) override;
  Result<void> DisableUser(std::string_view username, Instant at,
                           const AuditEventDraft& disabled) override;

  Result<std::vector<OutgoingNotice>> ClaimDue(Instant now, Instant lease_until,
                                               int limit) override;
  Result<void> MarkSent(std::string_view id, Instant at, const AuditEventDraft& sent) override;
  Result<void> MarkRetry(std::string_view id, Instant next_attempt_at,
                         std::string_view error) override;
  Result<void> MarkFailed(std::string_view id, std::string_view error,
                          const AuditEventDraft& failed) override;

  Result<std::int64_t> PurgeSentNotices(Instant sent_before) override;

  Result<void> RecordCorrection(const ClassifierCorrection& correction,
                                const AuditEventDraft& recorded) override;
  Result<std::vector<ClassifierCorrection>> Corrections() const override;

  Result<std::optional<JobLease>> TakeJob(std::string_view job, std::string_view holder,
                                          Instant now, Instant until) override;
  Result<void> ReleaseJob(std::string_view job, std::string_view holder,
                          const std::optional<std::string>& ran) override;

  Result<bool> RecordInbound(const InboundRecord& record,
                             const std::vector<AuditEventDraft>& events,
                             const std::optional<std::string>& bounced_notice) override;
  Result<void> ResolveTriage(std::string_view id, std::string_view kind,
                             const std::optional<std::string>& request_id,
                             const AuditEventDraft& decided) override;
  Result<InboundRecord> FindInbound(std::string_view id) const override;
  Result<std::vector<InboundRecord>> InboundOfKind(std::string_view kind,
                                                   std::size_t limit) const override;
  Result<std::vector<InboundRecord>> InboundOf(std::string_view request_id) const override;

  Result<void> StorePackage(const PackageRecord& package, const Hash& token_hash,
                            std::span<const std::uint8_t> zip,
                            const AuditEventDraft& built) override;
  Result<PackageRecord> FindPackageByToken(const Hash& token_hash) const override;
  Result<std::vector<std::uint8_t>> DownloadPackage(std::string_view package_id,
                                                    const AuditEventDraft& downloaded) override;
  Result<std::vector<PackageRecord>> PackagesOf(std::string_view request_id) const override;
  Result<std::int64_t> EraseExpiredPackages(Instant now, std::string_view actor) override;
  Result<bool> CreateTask(const ManualTask& task, const AuditEventDraft& created) override;
  Result<void> UpdateTask(const ManualTask& task, const AuditEventDraft& updated) override;
  Result<ManualTask> FindTask(std::string_view id) const override;
  Result<std::vector<ManualTask>> TasksOf(std::string_view request_id) const override;
  Result<std::vector<ManualTask>> OpenTasks(std::size_t limit) const override;
  Result<void> StoreCorrection(const CorrectionRecord& correction,
                               const AuditEventDraft& applied) override;
  Result<std::vector<CorrectionRecord>> CorrectionsOf(std::string_view request_id) const override;

  Result<void> AddAttachment(const TaskAttachment& attachment, std::span<const std::uint8_t> bytes,
                             const AuditEventDraft& added) override;
  Result<std::vector<TaskAttachment>> AttachmentsOf(std::string_view task_id) const override;
  Result<std::pair<TaskAttachment, std::vector<std::uint8_t>>> ReadAttachment(
      std::string_view id, const AuditEventDraft& read) override;
  Result<void> AddAgent(const DrpAgent& agent, const AuditEventDraft& added) override;
  Result<std::vector<DrpAgent>> ListAgents() const override;
  Result<void> RemoveAgent(std::string_view id, Instant at,
                           const AuditEventDraft& removed) override;
  Result<DrpAgent> FindAgent(std::string_view id) const override;
  Result<DrpAgent> FindAgentByToken(const Hash& token_hash) const override;
  Result<void> SetAgentToken(std::string_view id, const Hash& token_hash, Instant at,
                             const AuditEventDraft& issued) override;
  Result<void> UseSignature(const Hash& signature_hash, std::string_view agent_id,
                            Instant expires_at, Instant now) override;
  Result<void> LinkRequest(const DrpLink& link) override;
  Result<void> UnlinkRequest(std::string_view request_id) override;
  Result<void> SetVerificationPath(std::string_view request_id, std::string_view path) override;
  Result<DrpLink> FindLink(std::string_view request_id) const override;

  Result<bool> IssueCode(const CodeRecord& record, std::string_view code,
                         const NoticeDraft& message, const OneTimeCodePolicy& policy,
                         const AuditEventDraft& issued, const AuditEventDraft& refused) override;
  Result<CodeVerdict> CheckCode(
      std::string_view request_id, std::string_view purpose, std::string_view typed, Instant now,
      const OneTimeCodePolicy& policy,
      const std::function<AuditEventDraft(const CodeVerdict&)>& event_for) override;

  Result<void> RecordDeclaration(const SignedDeclaration& declaration,
                                 const AuditEventDraft& recorded) override;
  Result<std::vector<SignedDeclaration>> DeclarationsOf(std::string_view request_id) const override;
  Result<void> AddDocument(const ProofDocument& document, std::span<const std::uint8_t> bytes,
                           const AuditEventDraft& added) override;
  Result<std::vector<ProofDocument>> DocumentsOf(std::string_view request_id) const override;
  Result<std::pair<ProofDocument, std::vector<std::uint8_t>>> ReadDocument(
      std::string_view id, const AuditEventDraft& read) override;
  Result<void> EraseDocument(std::string_view id, const AuditEventDraft& erased) override;
  Result<std::vector<ProofDocument>> DocumentsHeldPastVerification(
      std::string_view kind) const override;
  Result<void> RecordAccountTokenUse(const AccountTokenUse& use,
                                     const AuditEventDraft& recorded) override;
  Result<std::int64_t> ForgetAccountTokenUses(Instant expired_before) override;

  Result<void> RecordInvite(std::string_view request_id, const Hash& secret, Instant at) override;
  Result<std::optional<Hash>> InviteOf(std::string_view request_id) const override;
  Result<void> RecordAnswer(std::string_view request_id, int score, std::string_view comment,
                            Instant at, const AuditEventDraft& answered) override;
  Result<bool> HasAnswer(std::string_view request_id) const override;
  Result<std::vector<FeedbackAnswer>> Answers(std::size_t limit) const override;

  // TrainingStore
  Result<void> StartAttempt(const TrainingAttempt& attempt,
                            const AuditEventDraft& started) override;
  Result<TrainingAttempt> FindAttempt(std::string_view id) const override;
  Result<void> FinishAttempt(std::string_view id, const std::map<std::string, std::string>& answers,
                             int score, int max_score, Instant at,
                             const AuditEventDraft& scored) override;
  Result<std::vector<TrainingAttempt>> Attempts(std::string_view staff,
                                                std::size_t limit) const override;

  // ReviewStore
  Result<ReviewItem> AddReviewItem(const ReviewItem& item, const AuditEventDraft& added) override;
  Result<ReviewItem> FindReviewItem(std::int64_t id) const override;
  Result<std::vector<ReviewItem>> ReviewItems(std::optional<ReviewStatus> status) const override;
  Result<ReviewItem> CompleteReviewItem(std::int64_t id, std::string_view by, Instant at,
                                        std::string_view note,
                                        const AuditEventDraft& done) override;
  Result<bool> RecordReviewReminder(std::int64_t id, ReviewReminderStage stage,
                                    const std::optional<std::string>& to, Instant at,
                                    const AuditEventDraft& reminded) override;
  Result<std::vector<QueuedReviewReminder>> PendingReviewReminders(int limit) const override;
  Result<void> RecordReviewReminderAttempt(std::int64_t reminder_id, bool sent,
                                           bool failed_for_good, std::string_view error, Instant at,
                                           const std::optional<AuditEventDraft>& event) override;

 private:
  SqliteStore(const security::InstallationKeys& keys, const Clock& clock);
  Result<Request> FindBy(std::string_view column, std::string_view value) const;
  Result<StaffUser> FindUserBy(std::string_view column, std::string_view value) const;
  Result<std::vector<InboundRecord>> ReadInbound(std::string_view where, std::string_view key,
                                                 std::size_t limit) const;
  Result<void> ReadAttachments(InboundRecord& record) const;
  // A sealed file kept with a request (a task's attachment, a proof document): runs `select`
  // (bound to `id`; column 0 is request_id, 1 to 4 are `fill`'s, 5 and 6 `sealed IS NULL, sealed`),
  // records `read` against the row's request in the same transaction, and opens the bytes with
  // the sealing context `context`. kNotFound for no row, kFailedPrecondition once erased; `what`
  // names the file in messages ("attachment", "document").
  Result<std::vector<std::uint8_t>> ReadSealedFile(
      std::string_view select, std::string_view id, const AuditEventDraft& read,
      std::string_view what, const std::string& context,
      const std::function<void(const Statement&)>& fill);
  Result<std::vector<ManualTask>> ReadTasks(std::string_view where, std::string_view key,
                                            std::size_t limit) const;
  std::vector<std::uint8_t> PreferenceKey(PreferenceSubject subject, std::string_view key) const;
  struct SealedNotice {
    std::string id;
    std::string request_id;
    std::string kind;
    std::vector<std::uint8_t> params_sealed;
  };
  std::vector<SealedNotice> SealNotices(const std::vector<NoticeDraft>& notices,
                                        std::int64_t version) const;
  Result<void> InsertNotices(LedgerTxn& txn, const std::vector<SealedNotice>& notices);

  security::Sealer sealer_;
  security::BlindIndex index_;
  security::Ed25519Signer signer_;
  const Clock& clock_;
  RowCodec codec_;
  std::unique_ptr<LedgerWriter> writer_;
  mutable std::unique_ptr<ReaderPool> readers_;
};

}  // namespace rightsdesk::store::sqlite
