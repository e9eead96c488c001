// `rightsdesk review add|list|done`: the rule review checklist (app/rule_reviews.h,
// docs/rules.md "Review checklist").
#include <iostream>

#include "app/rule_reviews.h"
#include "app/rules_json.h"
#include "cli/cli_context.h"

namespace rightsdesk::cli {
namespace {

void PrintItem(const ReviewItem& item) {
  std::cout << item.id << "  " << Name(item.status) << "  due " << FormatDate(item.due_on) << "  "
            << Name(item.kind) << "  " << item.title << "\n    owner " << item.owner;
  if (!item.source.empty()) std::cout << "; source " << item.source;
  if (item.status == ReviewStatus::kDone) {
    std::cout << "\n    done by " << item.done_by << " on "
              << (item.done_at ? FormatInstant(*item.done_at) : std::string("?")) << ": "
              << item.note;
  }
  std::cout << "\n";
}

void AddReviewAdd(CLI::App& review, CliContext& context) {
  CLI::App* add = review.add_subcommand("add", "Add an update to review, with owner and due date");
  context.AddDataOption(*add);
  struct Args {
    app::NewReviewItem item;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  add->add_option("--kind", args->item.kind, "legal or technical")->required();
  add->add_option("--title", args->item.title, "What to review")->required();
  add->add_option("--owner", args->item.owner, "An email address or a staff username")->required();
  add->add_option("--due", args->item.due_on, "Due date, YYYY-MM-DD")->required();
  add->add_option("--source", args->item.source, "Citation or link to what is reviewed");
  add->add_flag("--json", args->json, "Print the item as JSON");
  add->callback([&context, args] {
    auto installation = context.OpenInstallation();
    auto item = installation ? app::AddReviewItem((*installation)->reviews(), context.clock(),
                                                  args->item, context.actor())
                             : Result<ReviewItem>(std::unexpected(installation.error()));
    if (!item) {
      context.exit_code = context.Report(item.error());
      return;
    }
    if (args->json) {
      std::cout << app::ReviewItemJson(*item).dump() << '\n';
    } else {
      std::cout << "Review item " << item->id << " added, due " << FormatDate(item->due_on) << "\n";
    }
  });
}

void AddReviewList(CLI::App& review, CliContext& context) {
  CLI::App* list =
      review.add_subcommand("list", "The checklist: open items by due date, then done");
  context.AddDataOption(*list);
  struct Args {
    std::string status = "all";
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  list->add_option("--status", args->status, "open, done or all (default)");
  list->add_flag("--json", args->json, "Print a JSON array");
  list->callback([&context, args] {
    auto run = [&]() -> Result<std::vector<ReviewItem>> {
      std::optional<ReviewStatus> status;
      if (args->status != "all") {
        status = ParseReviewStatus(args->status);
        if (!status) {
          return Fail(ErrorCode::kInvalidArgument, "--status must be open, done or all");
        }
      }
      auto installation = context.OpenInstallation();
      if (!installation) return std::unexpected(installation.error());
      return (*installation)->reviews().ReviewItems(status);
    };
    auto items = run();
    if (!items) {
      context.exit_code = context.Report(items.error());
      return;
    }
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const ReviewItem& item : *items) out.push_back(app::ReviewItemJson(item));
      std::cout << out.dump() << '\n';
      return;
    }
    if (items->empty()) std::cout << "No review items\n";
    for (const ReviewItem& item : *items) PrintItem(item);
  });
}

void AddReviewDone(CLI::App& review, CliContext& context) {
  CLI::App* done = review.add_subcommand("done", "Mark an item done, saying what was found");
  context.AddDataOption(*done);
  struct Args {
    std::int64_t id = 0;
    std::string note;
  };
  auto args = std::make_shared<Args>();
  done->add_option("id", args->id, "The item's number")->required();
  done->add_option("--note", args->note, "What the review found or changed")->required();
  done->callback([&context, args] {
    auto installation = context.OpenInstallation();
    auto item = installation ? app::CompleteReviewItem((*installation)->reviews(), context.clock(),
                                                       args->id, args->note, context.actor())
                             : Result<ReviewItem>(std::unexpected(installation.error()));
    if (!item) {
      context.exit_code = context.Report(item.error());
      return;
    }
    std::cout << "Review item " << item->id << " is done\n";
  });
}

}  // namespace

void RegisterReviewCommands(CLI::App& root, CliContext& context) {
  CLI::App* review =
      root.add_subcommand("review", "The rule review checklist: legal and technical updates");
  review->require_subcommand(1);
  AddReviewAdd(*review, context);
  AddReviewList(*review, context);
  AddReviewDone(*review, context);
}

}  // namespace rightsdesk::cli
