#include "app/manual_tasks.h"

#include <chrono>

#include "app/casework.h"
#include "core/random.h"

namespace rightsdesk::app {
namespace {

// Two weeks to work it, but never later than five days before the legal due date.
Date DueOn(const Request& request, Date today) {
  const auto target = std::chrono::sys_days(request.DueDate()) - std::chrono::days(5);
  const auto soon = std::chrono::sys_days(today) + std::chrono::days(14);
  return Date(std::max(std::min(target, soon), std::chrono::sys_days(today)));
}

Result<store::FulfilmentStore*> Store(const Services& services) {
  if (services.fulfilment == nullptr) {
    return Fail(ErrorCode::kInternal, "manual tasks need the fulfilment store");
  }
  return services.fulfilment;
}

Result<void> NotifyOwner(const Services& services, const Request& request,
                         const store::ManualTask& task, std::string_view actor) {
  auto changed = RecordOnRequest(services, request.id,
                                 {.actor = std::string(actor),
                                  .action = "task.owner_notified",
                                  .details = {{"task_id", task.id}, {"system", task.system}}},
                                 {{.kind = "manual_task",
                                   .params = {{"to", task.owner},
                                              {"system", task.system},
                                              {"task_id", task.id},
                                              {"due_on", FormatDate(task.due_on)},
                                              {"steps", task.checklist.size()}}}});
  if (!changed) return std::unexpected(changed.error());
  return {};
}

}  // namespace

std::vector<store::TaskStep> ChecklistFor(RequestType type, const SystemMap& system) {
  const std::string in = " in " + system.name;
  std::vector<std::string> steps;
  switch (type) {
    case RequestType::kAccess:
    case RequestType::kCategories:
      steps = {"Search" + in + " by every identifier on the request",
               "Export what was found and attach it to the request",
               "Confirm that nothing else about the consumer is held" + in};
      break;
    case RequestType::kDelete:
      steps = {"Find the consumer's records" + in,
               "Delete or anonymise them as the data map says for " + system.name,
               "Note anything kept under an exception, with its legal basis",
               "Search again and confirm nothing identifying is found"};
      break;
    case RequestType::kCorrect:
      steps = {"Find the consumer's records" + in, "Apply the correction the consumer asked for",
               "Record the value before and after in the note"};
      break;
    case RequestType::kOptOut:
    case RequestType::kLimit:
      steps = {"Apply the consumer's choice" + in,
               "Confirm it is honoured by every process that reads " + system.name};
      break;
  }
  std::vector<store::TaskStep> checklist;
  for (auto& step : steps) checklist.push_back({.step = std::move(step), .done = false});
  return checklist;
}

Result<std::vector<store::ManualTask>> OpenManualTasks(const Services& services, const DataMap& map,
                                                       const Request& request,
                                                       std::string_view actor) {
  auto store = Store(services);
  if (!store) return std::unexpected(store.error());
  const Instant now = services.clock.Now();
  auto zone = services.ruleset.TimeZoneFor(request.jurisdiction);
  if (!zone) return std::unexpected(zone.error());
  auto today = services.zones.LocalDate(*zone, now);
  if (!today) return std::unexpected(today.error());
  for (const auto& system : map.systems) {
    if (system.connector.kind != ConnectorSettings::Kind::kManual) continue;
    store::ManualTask task{.id = NewTimeOrderedUuid(now, services.random),
                           .request_id = request.id,
                           .system = system.name,
                           .owner = system.owner,
                           .due_on = DueOn(request, *today),
                           .checklist = ChecklistFor(request.type, system),
                           .created_at = now};
    auto created = (*store)->CreateTask(task, {.request_id = request.id,
                                               .actor = std::string(actor),
                                               .action = "task.created",
                                               .at = now,
                                               .details = {{"task_id", task.id},
                                                           {"system", task.system},
                                                           {"owner", task.owner},
                                                           {"due_on", FormatDate(task.due_on)}}});
    if (!created) return std::unexpected(created.error());
    if (*created) {
      if (auto notified = NotifyOwner(services, request, task, actor); !notified) {
        return std::unexpected(notified.error());
      }
    }
  }
  return (*store)->TasksOf(request.id);
}

Result<store::ManualTask> UpdateManualTask(const Services& services, std::string_view task_id,
                                           const TaskUpdate& update, std::string_view actor) {
  auto store = Store(services);
  if (!store) return std::unexpected(store.error());
  auto task = (*store)->FindTask(task_id);
  if (!task) return task;
  if (task->status == "done") {
    return Fail(ErrorCode::kFailedPrecondition, "task " + task->id + " is already done");
  }
  for (int step : update.steps_done) {
    if (step < 1 || step > static_cast<int>(task->checklist.size())) {
      return Fail(ErrorCode::kInvalidArgument,
                  "step " + std::to_string(step) + " is not on the checklist (1-" +
                      std::to_string(task->checklist.size()) + ")",
                  "/steps");
    }
    task->checklist[static_cast<std::size_t>(step - 1)].done = true;
  }
  if (!update.note.empty()) task->note = update.note;
  std::size_t done = 0;
  for (const auto& step : task->checklist) done += step.done ? 1 : 0;
  if (update.complete) {
    if (done != task->checklist.size()) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "task " + task->id + " has " + std::to_string(task->checklist.size() - done) +
                      " step(s) not done");
    }
    task->status = "done";
    task->completed_at = services.clock.Now();
  }
  auto updated =
      (*store)->UpdateTask(*task, {.request_id = task->request_id,
                                   .actor = std::string(actor),
                                   .action = update.complete ? "task.completed" : "task.updated",
                                   .at = services.clock.Now(),
                                   .details = {{"task_id", task->id},
                                               {"system", task->system},
                                               {"steps_done", done},
                                               {"steps", task->checklist.size()}}});
  if (!updated) return std::unexpected(updated.error());
  return task;
}

}  // namespace rightsdesk::app
