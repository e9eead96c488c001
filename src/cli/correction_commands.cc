// `rightsdesk fulfil correct-plan | correct | corrections` (docs/fulfilment.md, "Correction").
#include <iostream>

#include "app/casework.h"
#include "cli/fulfil_context.h"
#include "core/correction_plan.h"

namespace rightsdesk::cli {
namespace {

Result<std::vector<FieldCorrection>> ParseCorrections(const std::vector<std::string>& texts) {
  std::vector<FieldCorrection> corrections;
  for (const auto& text : texts) {
    auto parsed = ParseFieldCorrection(text);
    if (!parsed) return std::unexpected(parsed.error());
    corrections.push_back(std::move(*parsed));
  }
  return corrections;
}

struct CorrectArgs {
  std::string reference;
  std::vector<std::string> sets;
  std::string digest;  // empty: the dry run
};

int Correct(CliContext& context, const CorrectArgs& args) {
  auto corrections = ParseCorrections(args.sets);
  if (!corrections) return context.Report(corrections.error());
  return WithFulfilment(context, [&](app::Fulfilment& fulfilment, app::Installation&) {
    if (args.digest.empty()) {
      auto plan = fulfilment.PlanCorrection(args.reference, *corrections, context.actor());
      if (!plan) return context.Report(plan.error());
      std::cout << plan->Record().dump(2) << "\nApprove with: rightsdesk fulfil correct "
                << args.reference << " --set ... --approve " << plan->digest << "\n";
      return kExitOk;
    }
    auto done =
        fulfilment.ExecuteCorrection(args.reference, *corrections, args.digest, context.actor());
    if (!done) return context.Report(done.error());
    std::cout << done->plan.changes.size() << " value(s) corrected; record " << done->record_id
              << " sealed\n";
    for (const auto& problem : done->problems) std::cout << "NOT DONE: " << problem << "\n";
    return done->verified() ? kExitOk : kExitFailure;
  });
}

int Corrections(CliContext& context, const std::string& reference) {
  auto installation = context.OpenInstallation();
  if (!installation) return context.Report(installation.error());
  app::Services services = context.ServicesOf(**installation);
  auto request = app::FindRequest(services, reference);
  if (!request) return context.Report(request.error());
  auto records = (*installation)->fulfilment().CorrectionsOf(request->id);
  if (!records) return context.Report(records.error());
  for (const auto& record : *records) {
    std::cout << record.id << "  " << FormatInstant(record.created_at) << "  sha256 "
              << record.sha256 << "\n"
              << (record.record.empty() ? "(purged with the request's personal data)"
                                        : nlohmann::json::parse(record.record).dump(2))
              << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddCorrectionCommands(CLI::App& fulfil, CliContext& context) {
  auto args = std::make_shared<CorrectArgs>();
  CLI::App* plan = fulfil.add_subcommand(
      "correct-plan", "A correction's dry run: each value before and after, and its digest");
  CLI::App* apply = fulfil.add_subcommand(
      "correct", "Apply an approved correction, re-read it, seal the before/after record");
  for (CLI::App* command : {plan, apply}) {
    context.AddDataOption(*command);
    command->add_option("reference", args->reference, "The request")->required();
    command->add_option("--set", args->sets, "system.table.column=value (repeatable)")->required();
  }
  apply->add_option("--approve", args->digest, "The digest correct-plan printed")->required();
  plan->callback([&context, args] {
    args->digest.clear();
    context.exit_code = Correct(context, *args);
  });
  apply->callback([&context, args] { context.exit_code = Correct(context, *args); });
  auto reference = std::make_shared<std::string>();
  CLI::App* records =
      fulfil.add_subcommand("corrections", "The request's sealed before/after records");
  context.AddDataOption(*records);
  records->add_option("reference", *reference, "The request")->required();
  records->callback(
      [&context, reference] { context.exit_code = Corrections(context, *reference); });
}

}  // namespace rightsdesk::cli
