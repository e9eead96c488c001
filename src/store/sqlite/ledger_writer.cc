#include "store/sqlite/ledger_writer.h"

#include <pthread.h>

#include <condition_variable>
#include <mutex>

#include "store/sqlite/audit_rows.h"

namespace rightsdesk::store::sqlite {
namespace {}  // namespace

// A submitter sleeps on its own condition variable until the writer has committed its job.
// (Not std::binary_semaphore: libstdc++'s spins with sched_yield first, which with hundreds of
// waiting submitters burns the CPU the writer and the other submitters need.)
struct LedgerWriter::Pending {
  const Job* job = nullptr;
  std::optional<Result<void>> job_result;  // the writer's alone until Finish

  void Finish(Result<void> outcome) {
    std::lock_guard lock(mu);
    result = std::move(outcome);
    // Notified under the lock: the waiter (which owns this object) cannot return and destroy it
    // before we are done touching it.
    cv.notify_one();
  }
  Result<void> Wait() {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return result.has_value(); });
    return std::move(*result);
  }

 private:
  std::optional<Result<void>> result;
  std::mutex mu;
  std::condition_variable cv;
};

// ------------------------------------------------------------------------------------- LedgerTxn

Result<AuditEvent> LedgerTxn::AppendEvent(const AuditEventDraft& draft) {
  AuditEvent event = ChainEvent(draft, chain_.head.seq + 1, chain_.head.hash);
  auto stmt = db_.Prepared(
      "INSERT INTO audit_events (seq, request_id, actor, action, at, details, prev_hash, hash)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return std::unexpected(stmt.error());
  auto done = (*stmt)
                  ->Bind(1, event.seq)
                  .Bind(2, event.request_id)
                  .Bind(3, event.actor)
                  .Bind(4, event.action)
                  .Bind(5, ToMicros(event.at))
                  .Bind(6, event.details)
                  .Bind(7, event.prev_hash)
                  .Bind(8, event.hash)
                  .Run();
  if (!done) return std::unexpected(done.error().WithContext("appending audit event"));
  chain_.head = {event.seq, event.hash};
  return event;
}

Result<Checkpoint> LedgerTxn::WriteCheckpoint() {
  if (chain_.head.seq == 0) {
    return Fail(ErrorCode::kFailedPrecondition, "the audit trail is empty");
  }
  if (chain_.checkpoint_seq == chain_.head.seq) {
    auto stmt = db_.Prepared(
        "SELECT seq, hash, at, public_key, signature FROM audit_checkpoints WHERE seq = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->Bind(1, chain_.head.seq);
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
      Checkpoint cp{.seq = (*stmt)->Int(0),
                    .hash = FixedBytes<32>((*stmt)->Blob(1)),
                    .at = FromMicros((*stmt)->Int(2))};
      auto key = (*stmt)->Blob(3);
      auto sig = (*stmt)->Blob(4);
      if (key.size() == cp.signer.size()) std::copy(key.begin(), key.end(), cp.signer.begin());
      if (sig.size() == cp.signature.size()) {
        std::copy(sig.begin(), sig.end(), cp.signature.begin());
      }
      return cp;
    }
  }
  Checkpoint cp = MakeCheckpoint(chain_.head.seq, chain_.head.hash, now_, signer_);
  auto stmt = db_.Prepared(
      "INSERT INTO audit_checkpoints (seq, hash, at, public_key, signature)"
      " VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return std::unexpected(stmt.error());
  auto done = (*stmt)
                  ->Bind(1, cp.seq)
                  .Bind(2, cp.hash)
                  .Bind(3, ToMicros(cp.at))
                  .Bind(4, cp.signer)
                  .Bind(5, cp.signature)
                  .Run();
  if (!done) return std::unexpected(done.error().WithContext("writing audit checkpoint"));
  chain_.checkpoint_seq = cp.seq;
  chain_.checkpoint_at = cp.at;
  return cp;
}

// ---------------------------------------------------------------------------------- LedgerWriter

LedgerWriter::LedgerWriter(Connection db, const Clock& clock, const CheckpointSigner& signer,
                           Options options)
    : db_(std::move(db)), clock_(clock), signer_(signer), options_(options) {
  if (options_.max_batch < 1) options_.max_batch = 1;
  thread_ = std::thread([this] { Loop(); });
}

LedgerWriter::~LedgerWriter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

Result<void> LedgerWriter::Run(const Job& job) {
  Pending pending;
  pending.job = &job;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Fail(ErrorCode::kUnavailable, "the store is closing");
    queue_.push_back(&pending);
  }
  wake_.notify_one();
  return pending.Wait();
}

Result<Checkpoint> LedgerWriter::CheckpointNow() {
  std::optional<Checkpoint> written;
  Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto cp = txn.WriteCheckpoint();
    if (!cp) return std::unexpected(cp.error());
    written = *cp;
    return {};
  };
  if (auto done = Run(job); !done) return std::unexpected(done.error());
  return *written;
}

void LedgerWriter::Loop() {
  pthread_setname_np(pthread_self(), "rd-ledger");  // so profiles and `top -H` show the writer
  std::deque<Pending*> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      while (!queue_.empty() && batch.size() < static_cast<std::size_t>(options_.max_batch)) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    db_.ResetAll();  // no statement may keep the last batch's snapshot open
    batch.clear();
  }
}

void LedgerWriter::RunBatch(std::deque<Pending*>& batch) {
  auto fail_all = [&](const Error& error) {
    for (Pending* p : batch) {
      p->Finish(std::unexpected(error));
    }
  };
  if (auto begun = db_.db().Exec("BEGIN IMMEDIATE"); !begun) {
    fail_all(begun.error().WithContext("starting a write transaction"));
    return;
  }
  auto chain = LoadChain();
  Result<void> ok =
      chain ? RunJobs(batch, *chain, clock_.Now()) : Result<void>(std::unexpected(chain.error()));
  if (ok) ok = db_.db().Exec("COMMIT");
  if (!ok) {
    (void)db_.db().Exec("ROLLBACK");
    fail_all(ok.error().WithContext("committing"));
    return;
  }
  for (Pending* p : batch) p->Finish(std::move(*p->job_result));
}

Result<void> LedgerWriter::RunPrepared(std::string_view sql) {
  auto stmt = db_.Prepared(sql);
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->Run();
}

Result<void> LedgerWriter::RunJobs(std::deque<Pending*>& batch, ChainState& chain, Instant now) {
  LedgerTxn txn(db_, chain, signer_, now);
  for (Pending* p : batch) {
    ChainState before = chain;
    // Each job in its own savepoint: a failing job is undone alone, the batch goes on.
    if (auto sp = RunPrepared("SAVEPOINT job"); !sp) return sp;
    Result<void> result = (*p->job)(txn);
    if (!result) {
      if (auto undone = RunPrepared("ROLLBACK TO job"); !undone) return undone;
      chain = before;
    }
    if (auto released = RunPrepared("RELEASE job"); !released) return released;
    p->job_result = std::move(result);
  }
  return FinishBatch(txn);
}

Result<ChainState> LedgerWriter::LoadChain() {
  auto stmt = db_.Prepared("SELECT seq, hash, checkpoint_seq, checkpoint_at FROM audit_head");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kDataLoss, "the audit_head row is missing");
  return ChainState{.head = {(*stmt)->Int(0), FixedBytes<32>((*stmt)->Blob(1))},
                    .checkpoint_seq = (*stmt)->Int(2),
                    .checkpoint_at = FromMicros((*stmt)->Int(3))};
}

Result<void> LedgerWriter::FinishBatch(LedgerTxn& txn) {
  const ChainState& chain = txn.chain();
  std::int64_t since = chain.head.seq - chain.checkpoint_seq;
  bool stale =
      txn.now() - chain.checkpoint_at >= std::chrono::seconds(options_.checkpoints.every_seconds);
  if (since > 0 && (since >= options_.checkpoints.every_events || stale)) {
    if (auto cp = txn.WriteCheckpoint(); !cp) return std::unexpected(cp.error());
  }
  auto stmt = db_.Prepared(
      "UPDATE audit_head SET seq = ?1, hash = ?2, checkpoint_seq = ?3, checkpoint_at = ?4");
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)
      ->Bind(1, chain.head.seq)
      .Bind(2, chain.head.hash)
      .Bind(3, chain.checkpoint_seq)
      .Bind(4, ToMicros(chain.checkpoint_at))
      .Run();
}

}  // namespace rightsdesk::store::sqlite
