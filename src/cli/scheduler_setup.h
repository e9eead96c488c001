// The scheduler (app/scheduler.h) as the installation's [scheduler] settings describe it, shared
// by `serve` and `worker`.
#pragma once

#include <memory>
#include <string>

#include "app/installation.h"
#include "app/periodic_worker.h"
#include "app/scheduler.h"
#include "app/services.h"

namespace rightsdesk::cli {

app::SchedulerSettings SchedulerSettingsOf(const config::InstallationConfig& config);

// This process's name in the scheduler's leases: host, process id and a random part.
std::string WorkerName();

// One pass, its outcome logged (counts only: no personal data). Returns the report.
Result<app::SchedulerReport> RunSchedulerPass(const app::Services& services,
                                              app::Installation& installation,
                                              const std::string& holder,
                                              const std::atomic<bool>* stop = nullptr);

// A worker thread running the scheduler every [scheduler] poll_seconds; nullptr when the
// scheduler is disabled.
std::unique_ptr<app::PeriodicWorker> StartScheduler(const app::Services& services,
                                                    app::Installation& installation);

}  // namespace rightsdesk::cli
