// Manual tasks: a system without a connector is worked by its owner. Each request gets one task
// per such system — a checklist for the request's type, due before the team's internal target —
// and the owner is told by email. The request cannot complete while a task is open (casework).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/datamap.h"
#include "core/request.h"
#include "store/fulfilment_store.h"

namespace rightsdesk::app {

// The steps a system's owner works through for this kind of request.
std::vector<store::TaskStep> ChecklistFor(RequestType type, const SystemMap& system);

// Creates the missing tasks of `map`'s manual systems for `request` (a task already there is left
// as it is) and queues a message to each new task's owner. Returns every task of the request.
Result<std::vector<store::ManualTask>> OpenManualTasks(const Services& services, const DataMap& map,
                                                       const Request& request,
                                                       std::string_view actor);

// The owner's update: the steps now done (1-based numbers), and `complete` to close the task,
// which needs every step done. `note` says what was done (sealed at rest).
struct TaskUpdate {
  std::vector<int> steps_done;
  bool complete = false;
  std::string note;
};
Result<store::ManualTask> UpdateManualTask(const Services& services, std::string_view task_id,
                                           const TaskUpdate& update, std::string_view actor);

}  // namespace rightsdesk::app
