// JobStore: leases for the scheduler's jobs (issue 6). A worker takes a job's lease before running
// it, so two workers never run the same job at once; a lease runs out on its own, so a worker that
// crashed mid-job hands it over. Daily jobs record the last day they ran. The work a job does is
// itself idempotent (core/schedule.h's marks); the lease keeps two workers from doing it twice
// over. Implemented by SqliteStore; thread-safe; writes durable on success.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct JobLease {
  std::string last_run;  // what Release last recorded ("" never)
};

class JobStore {
 public:
  virtual ~JobStore() = default;

  // Takes `job` for `holder` until `until` when it is free, its lease has run out at `now`, or
  // `holder` already holds it. nullopt when another holder's lease is still running.
  [[nodiscard]] virtual Result<std::optional<JobLease>> TakeJob(std::string_view job,
                                                                std::string_view holder,
                                                                Instant now, Instant until) = 0;
  // Gives the job up (when `holder` still holds it) and, if `ran` is set, records it as the
  // job's last run (a daily job's date).
  [[nodiscard]] virtual Result<void> ReleaseJob(std::string_view job, std::string_view holder,
                                                const std::optional<std::string>& ran) = 0;
};

}  // namespace rightsdesk::store
