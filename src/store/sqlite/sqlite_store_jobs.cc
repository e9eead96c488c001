// SqliteStore's scheduler leases (the JobStore interface). Taking a lease goes through the single
// writer, so it is atomic: of two workers asking at once, one gets it.
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::store::sqlite {

Result<std::optional<JobLease>> SqliteStore::TakeJob(std::string_view job, std::string_view holder,
                                                     Instant now, Instant until) {
  std::optional<JobLease> taken;
  LedgerWriter::Job take = [&](LedgerTxn& txn) -> Result<void> {
    taken.reset();
    auto upsert = txn.Prepared(
        "INSERT INTO scheduler_jobs (job, holder, lease_until) VALUES (?1, ?2, ?4)"
        " ON CONFLICT (job) DO UPDATE SET holder = ?2, lease_until = ?4"
        " WHERE scheduler_jobs.holder = ?2 OR scheduler_jobs.lease_until <= ?3"
        " RETURNING last_run");
    if (!upsert) return std::unexpected(upsert.error());
    (*upsert)->Bind(1, job).Bind(2, holder).Bind(3, ToMicros(now)).Bind(4, ToMicros(until));
    auto row = (*upsert)->Step();
    if (!row) return std::unexpected(row.error().WithContext("taking job " + std::string(job)));
    if (*row) taken = JobLease{.last_run = (*upsert)->Text(0)};
    (*upsert)->Reset();
    return {};
  };
  if (auto done = writer_->Run(take); !done) return std::unexpected(done.error());
  return taken;
}

Result<void> SqliteStore::ReleaseJob(std::string_view job, std::string_view holder,
                                     const std::optional<std::string>& ran) {
  LedgerWriter::Job release = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE scheduler_jobs SET holder = '', lease_until = 0, last_run = coalesce(?3, last_run)"
        " WHERE job = ?1 AND holder = ?2");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, job).Bind(2, holder);
    if (ran) {
      (*update)->Bind(3, *ran);
    } else {
      (*update)->BindNull(3);
    }
    auto done = (*update)->Run();
    if (!done)
      return std::unexpected(done.error().WithContext("releasing job " + std::string(job)));
    return {};
  };
  return writer_->Run(release);
}

Result<std::int64_t> SqliteStore::PurgeSentNotices(Instant sent_before) {
  std::int64_t purged = 0;
  LedgerWriter::Job purge = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(
        "UPDATE outbox SET params_sealed = X'' WHERE status IN ('sent', 'failed')"
        " AND coalesce(sent_at, next_attempt_at) < ?1 AND length(params_sealed) > 0");
    if (!update) return std::unexpected(update.error());
    (*update)->Bind(1, ToMicros(sent_before));
    auto done = (*update)->Run();
    if (!done) return std::unexpected(done.error().WithContext("purging sent messages"));
    purged = txn.Changes();
    return {};
  };
  if (auto done = writer_->Run(purge); !done) return std::unexpected(done.error());
  return purged;
}

}  // namespace rightsdesk::store::sqlite
