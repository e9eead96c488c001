// `rightsdesk request verify REF --match | --declare NAME [--ip IP] | --fail --reason WHY` and
// `rightsdesk request verification REF`: identity verification from the command line
// (app/verification.h; docs/verification.md).
#include <filesystem>
#include <iostream>

#include "app/verification.h"
#include "app/verification_json.h"
#include "cli/cli_context.h"
#include "cli/fulfil_context.h"

namespace rightsdesk::cli {
namespace {

std::string Joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

void PrintText(const app::VerificationView& view) {
  const VerificationState& state = view.state;
  std::vector<std::string> points;
  for (DataPoint point : state.matched) points.emplace_back(Name(point));
  std::cout << view.request.reference << "  " << Name(view.request.type) << "  "
            << Name(view.request.status) << '\n'
            << "level:        " << Name(state.required.level) << " ("
            << app::RequirementText(state.required) << ")\n"
            << "matched:      "
            << (points.empty() ? std::string(view.matched_on_record ? "nothing" : "not yet matched")
                               : Joined(points, ", ") + " (" + state.matched_system + ")")
            << '\n';
  if (!view.systems_failed.empty()) {
    std::cout << "not searched: " << Joined(view.systems_failed, ", ") << " (failed)\n";
  }
  for (const auto& d : view.declarations) {
    std::cout << "declaration:  signed " << FormatInstant(d.signed_at) << " (statement "
              << d.statement_version << ")\n";
  }
  if (view.declarations.empty()) std::cout << "declaration:  none\n";
  std::cout << "missing:      " << (state.missing.empty() ? "nothing" : Joined(state.missing, "; "))
            << '\n'
            << "verified:     "
            << (state.verified ? (state.by_reauthentication ? "yes (re-authenticated)" : "yes")
                               : "no")
            << '\n';
  if (view.fallback) std::cout << "fallback:     " << *view.fallback << '\n';
}

void Print(const app::VerificationView& view, bool json) {
  if (json) {
    std::cout << app::VerificationJson(view).dump(2) << '\n';
  } else {
    PrintText(view);
  }
}

// Runs `work` with the verification use case; the data map is loaded when there is one.
template <typename Work>
int WithVerification(CliContext& context, Work work) {
  std::optional<DataMap> map;
  if (std::filesystem::exists(context.data_dir().datamap())) {
    auto loaded = LoadMap(context);
    if (!loaded) return context.Report(loaded.error());
    map = std::move(*loaded);
  }
  auto installation = context.OpenInstallation();
  if (!installation) return context.Report(installation.error());
  app::Services services = context.ServicesOf(**installation);
  app::Verification verification(services, (*installation)->verification(), map ? &*map : nullptr,
                                 Opener(context.clock()), app::RetryPolicy{});
  auto view = work(verification);
  if (!view) return context.Report(view.error());
  return kExitOk;
}

struct VerifyArgs {
  std::string ref;
  bool match = false;
  std::string declare;  // the typed full name, when declaring
  bool declaring = false;
  std::string ip;
  bool fail = false;
  std::string reason;
  bool json = false;
};

Result<app::VerificationView> RunVerify(app::Verification& verification, const VerifyArgs& args,
                                        const std::string& actor) {
  if (args.fail) return verification.RecordFailure(args.ref, args.reason, actor);
  std::optional<app::VerificationView> view;
  if (args.match) {
    auto matched = verification.Match(args.ref, actor);
    if (!matched) return matched;
    view = std::move(*matched);
  }
  if (args.declaring) {
    // Typed by staff from a declaration the consumer signed (on paper, by email).
    auto declared =
        verification.Declare(args.ref, {.full_name = args.declare, .ip = args.ip}, actor);
    if (!declared) return declared;
    view = std::move(*declared);
  }
  if (!view) return verification.Show(args.ref);
  return std::move(*view);
}

void RegisterVerify(CLI::App& parent, CliContext& context) {
  CLI::App* cmd =
      parent.add_subcommand("verify", "Verify a consumer's identity (docs/verification.md)");
  context.AddDataOption(*cmd);
  auto args = std::make_shared<VerifyArgs>();
  cmd->add_option("REF", args->ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  auto* match = cmd->add_flag("--match", args->match,
                              "Match the consumer's identifiers against the data map's systems");
  auto* declare = cmd->add_option("--declare", args->declare,
                                  "Record a declaration signed under penalty of perjury: the "
                                  "full name as the consumer typed it");
  cmd->add_option("--ip", args->ip, "Where the declaration was signed from")->needs(declare);
  auto* fail = cmd->add_flag("--fail", args->fail,
                             "The proofs will not come: apply the fallback (access: answer as "
                             "categories; delete: deny and offer the opt-out)");
  auto* reason = cmd->add_option("--reason", args->reason, "Why verification failed")->needs(fail);
  fail->needs(reason)->excludes(match)->excludes(declare);
  cmd->add_flag("--json", args->json, "Print the verification as JSON");
  cmd->callback([&context, args, declare] {
    args->declaring = declare->count() > 0;
    context.exit_code = WithVerification(context, [&](app::Verification& verification) {
      auto view = RunVerify(verification, *args, context.actor());
      if (view) Print(*view, args->json);
      return view;
    });
  });
}

void RegisterVerification(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand(
      "verification", "The verification level of a request, the proofs in and what is missing");
  context.AddDataOption(*cmd);
  auto ref = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("REF", *ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  cmd->add_flag("--json", *json, "Print the verification as JSON");
  cmd->callback([&context, ref, json] {
    context.exit_code = WithVerification(context, [&](app::Verification& verification) {
      auto view = verification.Show(*ref);
      if (view) Print(*view, *json);
      return view;
    });
  });
}

}  // namespace

void AddVerificationCommands(CLI::App& request, CliContext& context) {
  RegisterVerify(request, context);
  RegisterVerification(request, context);
}

}  // namespace rightsdesk::cli
