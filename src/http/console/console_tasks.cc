// Manual tasks in the console (docs/web.md): the open tasks, earliest due first; a task's page
// with its checklist, the owner's note and its attachments; ticking steps and completing it; and
// attaching files as evidence (multipart upload, up to 10 MB, sealed at rest) and opening them
// again (always as a download, never rendered: the file came from outside).
#include "app/casework.h"
#include "app/manual_tasks.h"
#include "app/staff_accounts.h"
#include "app/task_attachments.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

json TaskJson(const store::ManualTask& task) {
  json steps = json::array();
  for (std::size_t i = 0; i < task.checklist.size(); ++i) {
    steps.push_back(
        {{"number", i + 1}, {"step", task.checklist[i].step}, {"done", task.checklist[i].done}});
  }
  return {{"id", task.id},
          {"request_id", task.request_id},
          {"system", task.system},
          {"owner", task.owner},
          {"due_on", FormatDate(task.due_on)},
          {"status", task.status},
          {"open", task.status == "open"},
          {"note", task.note},
          {"steps", steps}};
}

json AttachmentRows(const std::vector<store::TaskAttachment>& attachments) {
  json rows = json::array();
  for (const auto& a : attachments) {
    rows.push_back(
        {{"id", a.id},
         {"filename", a.erased ? "(erased with the request's personal data)" : a.filename},
         {"erased", a.erased},
         {"size", a.size},
         {"sha256", a.sha256},
         {"added_at", FormatInstant(a.added_at)},
         {"added_by", a.added_by}});
  }
  return rows;
}

Result<store::FulfilmentStore*> TaskStore(const ApiContext& api) {
  if (api.services.fulfilment == nullptr) {
    return Fail(ErrorCode::kUnavailable, "manual tasks are not available on this server");
  }
  return api.services.fulfilment;
}

Response ShowTask(const ApiContext& api, const StaffCall& staff, std::string_view task_id,
                  unsigned status, const std::string& done, const std::string& error) {
  auto store = TaskStore(api);
  if (!store) return ProblemFor(store.error());
  auto task = (*store)->FindTask(task_id);
  if (!task) return ProblemFor(task.error());
  auto request = app::FindRequest(api.services, task->request_id);
  if (!request) return ProblemFor(request.error());
  json context = BaseContext(api, "Task: " + task->system, &staff);
  context["task"] = TaskJson(*task);
  context["reference"] = request->reference;
  context["can_work"] = Allows(staff.user.role, Permission::kWorkRequests);
  context["can_attach"] = api.attachments != nullptr && context["can_work"].get<bool>();
  if (api.attachments != nullptr) {
    auto attachments = api.attachments->AttachmentsOf(task->id);
    if (!attachments) return ProblemFor(attachments.error());
    context["attachments"] = AttachmentRows(*attachments);
  }
  if (!done.empty()) context["done"] = done;
  if (!error.empty()) context["error"] = error;
  return Page(api, status, "console_task", context);
}

std::vector<int> StepsTicked(const QueryParams& fields) {
  std::vector<int> steps;
  for (const auto& [name, value] : fields) {
    if (name.rfind("step", 0) != 0 || value != "on") continue;
    int number = 0;
    for (char c : name.substr(4)) number = c >= '0' && c <= '9' ? number * 10 + (c - '0') : -1000;
    if (number > 0) steps.push_back(number);
  }
  return steps;
}

bool ShownOnPage(ErrorCode code) {
  return code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition;
}

}  // namespace

Response Tasks(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto store = TaskStore(api);
  if (!store) return ProblemFor(store.error());
  auto tasks = (*store)->OpenTasks(500);
  if (!tasks) return ProblemFor(tasks.error());
  json rows = json::array();
  // Late means past its due date where the business is, as the deadlines are counted.
  const Instant now = api.services.clock.Now();
  auto local = api.services.zones.LocalDate(api.services.ruleset.business().time_zone, now);
  const Date today = local ? *local : Date(std::chrono::floor<std::chrono::days>(now));
  for (const auto& task : *tasks) {
    json row = TaskJson(task);
    row["late"] = task.due_on < today;
    auto owner = app::FindRequest(api.services, task.request_id);
    row["reference"] = owner ? owner->reference : task.request_id;
    rows.push_back(std::move(row));
  }
  json context = BaseContext(api, "Tasks", &*staff);
  context["tasks"] = rows;
  context["has_tasks"] = !rows.empty();
  return Page(api, 200, "console_tasks", context);
}

Response TaskPage(const ApiContext& api, const Request& request, std::string_view task_id) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto query = ParseQuery(View(request.target()));
  std::string done = query && query->contains("done") ? query->at("done") : "";
  static const std::map<std::string, std::string, std::less<>> kDone = {
      {"update", "Task updated."}, {"complete", "Task completed."}, {"attach", "File attached."}};
  auto message = kDone.find(done);
  return ShowTask(api, *staff, task_id, 200, message == kDone.end() ? "" : message->second, "");
}

Response PostTask(const ApiContext& api, const Request& request, std::string_view task_id) {
  auto staff = RequireStaff(api, request, Permission::kWorkRequests);
  if (!staff) return std::move(staff.error());
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  const bool complete = fields->contains("complete");
  app::TaskUpdate update{.steps_done = StepsTicked(*fields),
                         .complete = complete,
                         .note = fields->contains("note") ? fields->at("note") : ""};
  auto task = app::UpdateManualTask(api.services, task_id, update, app::ActorOf(staff->user));
  if (!task) {
    if (!ShownOnPage(task.error().code())) return ProblemFor(task.error());
    return ShowTask(api, *staff, task_id, StatusFor(task.error().code()), "",
                    task.error().message());
  }
  return html::RedirectResponse("/console/tasks/" + task->id +
                                (complete ? "?done=complete" : "?done=update"));
}

Response PostAttachment(const ApiContext& api, const Request& request, std::string_view task_id) {
  auto staff = RequireStaff(api, request, Permission::kWorkRequests);
  if (!staff) return std::move(staff.error());
  if (api.attachments == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "attachments are not available here"));
  }
  auto form = ReadCheckedUpload(request, *staff);
  if (!form) return std::move(form.error());
  Result<store::TaskAttachment> added =
      Fail(ErrorCode::kInvalidArgument, "choose a file to attach");
  for (const auto& file : form->files) {
    if (file.field != "file") continue;
    added = app::AttachToTask(
        api.services, *api.attachments, task_id,
        {.filename = file.filename, .content_type = file.content_type, .bytes = file.bytes},
        app::ActorOf(staff->user));
    break;
  }
  if (!added) {
    if (!ShownOnPage(added.error().code())) return ProblemFor(added.error());
    return ShowTask(api, *staff, task_id, StatusFor(added.error().code()), "",
                    added.error().message());
  }
  return html::RedirectResponse("/console/tasks/" + std::string(task_id) + "?done=attach");
}

Response GetAttachment(const ApiContext& api, const Request& request, std::string_view task_id,
                       std::string_view attachment_id) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  if (api.attachments == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "attachments are not available here"));
  }
  auto attachments = api.attachments->AttachmentsOf(task_id);
  if (!attachments) return ProblemFor(attachments.error());
  std::string filename;
  for (const auto& a : *attachments) {
    if (a.id == attachment_id) filename = a.filename;
  }
  if (filename.empty()) return ProblemFor(Error(ErrorCode::kNotFound, "no such attachment"));
  auto opened =
      app::OpenAttachment(api.services, *api.attachments, attachment_id, app::ActorOf(staff->user));
  if (!opened) return ProblemFor(opened.error());
  return html::DownloadResponse(std::string(opened->second.begin(), opened->second.end()),
                                "application/octet-stream", filename);
}

Response GetCertificate(const ApiContext& api, const Request& request,
                        std::string_view certificate_id) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  if (api.desk == nullptr) return ProblemFor(Error(ErrorCode::kNotFound, "no certificates here"));
  auto text = api.desk->CertificateText(certificate_id);
  if (!text) return ProblemFor(text.error());
  return html::DownloadResponse(std::move(*text), "application/json",
                                std::string(certificate_id) + ".json");
}

}  // namespace rightsdesk::http::console
