// The single writer of the SQLite store, with group commit. Callers on any thread hand it a job
// (a function that writes inside a transaction) and wait; one thread runs queued jobs together,
// many per transaction, so that concurrent intakes share one commit and one fsync. Each job runs
// in its own savepoint: a job that fails is rolled back alone and gets its own error, the others
// commit. A job's success is reported only after COMMIT has returned (synchronous=FULL), so
// "success" means durable.
//
// The writer also keeps the audit chain: jobs append events through LedgerTxn, which links each
// to the head read at the start of the batch (under the write lock, so other processes writing
// the same file are serialised correctly), and at the end of a batch it records the head and,
// when the policy says so, a signed checkpoint.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/audit_chain.h"
#include "core/time.h"
#include "store/audit_trail.h"
#include "store/sqlite/cached_connection.h"

namespace rightsdesk::store::sqlite {

struct CheckpointPolicy {
  std::int64_t every_events = 1000;
  std::int64_t every_seconds = 600;
};

struct ChainState {
  ChainHead head;
  std::int64_t checkpoint_seq = 0;
  Instant checkpoint_at;
};

// What a job sees: the connection inside an open transaction, and the chain.
class LedgerTxn {
 public:
  LedgerTxn(CachedConnection& db, ChainState& chain, const CheckpointSigner& signer, Instant now)
      : db_(db), chain_(chain), signer_(signer), now_(now) {}

  Result<Statement*> Prepared(std::string_view sql) { return db_.Prepared(sql); }
  // Rows the last statement changed.
  std::int64_t Changes() { return db_.db().Changes(); }
  // Links the draft after the current head and inserts it.
  Result<AuditEvent> AppendEvent(const AuditEventDraft& draft);
  // Signs and inserts a checkpoint over the current head (returns the existing one if the head
  // is already checkpointed). kFailedPrecondition on an empty chain.
  Result<Checkpoint> WriteCheckpoint();
  const ChainState& chain() const { return chain_; }
  Instant now() const { return now_; }

 private:
  CachedConnection& db_;
  ChainState& chain_;
  const CheckpointSigner& signer_;
  Instant now_;
};

class LedgerWriter {
 public:
  using Job = std::function<Result<void>(LedgerTxn&)>;

  struct Options {
    int max_batch = 1024;  // 1: one transaction per job
    CheckpointPolicy checkpoints;
  };

  LedgerWriter(Connection db, const Clock& clock, const CheckpointSigner& signer, Options options);
  ~LedgerWriter();  // finishes queued jobs, then stops
  LedgerWriter(const LedgerWriter&) = delete;
  LedgerWriter& operator=(const LedgerWriter&) = delete;

  // Runs `job` in a transaction and returns once it is committed (or failed). Thread-safe.
  Result<void> Run(const Job& job);

  // Signs a checkpoint over the current head (see LedgerTxn::WriteCheckpoint). Thread-safe.
  Result<Checkpoint> CheckpointNow();

 private:
  struct Pending;
  void Loop();
  void RunBatch(std::deque<Pending*>& batch);
  Result<void> RunJobs(std::deque<Pending*>& batch, ChainState& chain, Instant now);
  Result<ChainState> LoadChain();
  Result<void> RunPrepared(std::string_view sql);
  Result<void> FinishBatch(LedgerTxn& txn);

  CachedConnection db_;
  const Clock& clock_;
  const CheckpointSigner& signer_;
  Options options_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rightsdesk::store::sqlite
