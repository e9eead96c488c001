// Manual tasks of systems without a connector (docs/fulfilment.md):
//   rightsdesk task list [--request RD-...]      open tasks (or a request's), earliest due first
//   rightsdesk task show ID                      the checklist and the owner's note
//   rightsdesk task update ID --done 1,2 [--note TEXT] [--complete]
//   rightsdesk task attach ID FILE [--type MIME]    evidence, sealed with the request
#include <iostream>

#include "app/casework.h"
#include "app/manual_tasks.h"
#include "app/task_attachments.h"
#include "cli/cli_context.h"
#include "platform/files.h"

namespace rightsdesk::cli {
namespace {

void PrintTask(const store::ManualTask& task, bool steps) {
  std::size_t done = 0;
  for (const auto& step : task.checklist) done += step.done ? 1 : 0;
  std::cout << task.id << "  " << task.system << "  " << task.status << "  due "
            << FormatDate(task.due_on) << "  " << done << "/" << task.checklist.size() << " steps  "
            << task.owner << "\n";
  if (!steps) return;
  for (std::size_t i = 0; i < task.checklist.size(); ++i) {
    std::cout << "  " << (i + 1) << ". [" << (task.checklist[i].done ? "x" : " ") << "] "
              << task.checklist[i].step << "\n";
  }
  if (!task.note.empty()) std::cout << "  Note: " << task.note << "\n";
}

void PrintAttachments(app::Installation& installation, const std::string& task_id) {
  auto attachments = installation.attachments().AttachmentsOf(task_id);
  if (!attachments) return;
  for (const auto& a : *attachments) {
    std::cout << "  Attachment " << a.id << "  " << (a.erased ? "(erased)" : a.filename) << "  "
              << a.size << " bytes  sha256 " << a.sha256 << "\n";
  }
}

template <typename Work>
int WithServices(CliContext& context, Work work) {
  auto installation = context.OpenInstallation();
  if (!installation) return context.Report(installation.error());
  return work(context.ServicesOf(**installation), **installation);
}

int List(CliContext& context, const std::string& reference) {
  return WithServices(context, [&](const app::Services& services, app::Installation& installation) {
    Result<std::vector<store::ManualTask>> tasks = installation.fulfilment().OpenTasks(200);
    if (!reference.empty()) {
      auto request = app::FindRequest(services, reference);
      if (!request) return context.Report(request.error());
      tasks = installation.fulfilment().TasksOf(request->id);
    }
    if (!tasks) return context.Report(tasks.error());
    for (const auto& task : *tasks) PrintTask(task, false);
    if (tasks->empty()) std::cout << "No tasks.\n";
    return kExitOk;
  });
}

int Show(CliContext& context, const std::string& id) {
  return WithServices(context, [&](const app::Services&, app::Installation& installation) {
    auto task = installation.fulfilment().FindTask(id);
    if (!task) return context.Report(task.error());
    PrintTask(*task, true);
    PrintAttachments(installation, task->id);
    return kExitOk;
  });
}

struct AttachArgs {
  std::string id;
  std::string file;
  std::string type;
};

int Attach(CliContext& context, const AttachArgs& args) {
  auto bytes = platform::ReadFile(args.file);
  if (!bytes) return context.Report(bytes.error().WithContext("reading " + args.file));
  return WithServices(context, [&](const app::Services& services, app::Installation& installation) {
    auto added =
        app::AttachToTask(services, installation.attachments(), args.id,
                          {.filename = std::filesystem::path(args.file).filename().string(),
                           .content_type = args.type,
                           .bytes = *bytes},
                          context.actor());
    if (!added) return context.Report(added.error());
    std::cout << "Attached " << added->id << " (" << added->size << " bytes, sha256 "
              << added->sha256 << ") to task " << added->task_id << "\n";
    return kExitOk;
  });
}

struct UpdateArgs {
  std::string id;
  std::vector<int> done;
  std::string note;
  bool complete = false;
};

int Update(CliContext& context, const UpdateArgs& args) {
  return WithServices(context, [&](const app::Services& services, app::Installation&) {
    auto task = app::UpdateManualTask(
        services, args.id, {.steps_done = args.done, .complete = args.complete, .note = args.note},
        context.actor());
    if (!task) return context.Report(task.error());
    PrintTask(*task, true);
    return kExitOk;
  });
}

}  // namespace

void RegisterTaskCommands(CLI::App& root, CliContext& context) {
  CLI::App* task = root.add_subcommand("task", "Manual tasks of systems without a connector");
  task->require_subcommand(1);
  auto reference = std::make_shared<std::string>();
  CLI::App* list = task->add_subcommand("list", "Open tasks, earliest due first");
  context.AddDataOption(*list);
  list->add_option("--request", *reference, "Only this request's tasks (open or done)");
  list->callback([&context, reference] { context.exit_code = List(context, *reference); });

  auto id = std::make_shared<std::string>();
  CLI::App* show = task->add_subcommand("show", "A task's checklist and note");
  context.AddDataOption(*show);
  show->add_option("id", *id, "The task")->required();
  show->callback([&context, id] { context.exit_code = Show(context, *id); });

  auto args = std::make_shared<UpdateArgs>();
  CLI::App* update = task->add_subcommand("update", "Tick steps, add a note, complete");
  context.AddDataOption(*update);
  update->add_option("id", args->id, "The task")->required();
  update->add_option("--done", args->done, "Step numbers now done")->delimiter(',');
  update->add_option("--note", args->note, "What was done (kept sealed)");
  update->add_flag("--complete", args->complete, "Close the task (every step must be done)");
  update->callback([&context, args] { context.exit_code = Update(context, *args); });

  auto attach_args = std::make_shared<AttachArgs>();
  CLI::App* attach = task->add_subcommand("attach", "Attach a file as evidence (up to 10 MB)");
  context.AddDataOption(*attach);
  attach->add_option("id", attach_args->id, "The task")->required();
  attach->add_option("file", attach_args->file, "The file")->required();
  attach->add_option("--type", attach_args->type, "Its media type (default: octet-stream)");
  attach->callback([&context, attach_args] { context.exit_code = Attach(context, *attach_args); });
}

}  // namespace rightsdesk::cli
