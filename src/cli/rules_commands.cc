// `rightsdesk rules changelog` and `rightsdesk rules show [--at DATE]`: the rule set's version,
// its change log, and the rules and calendars in effect on a day (docs/rules.md).
#include <iostream>

#include "app/rules_json.h"
#include "cli/cli_context.h"

namespace rightsdesk::cli {
namespace {

void PrintChangelog(const nlohmann::json& log) {
  std::cout << "Rule set version " << log["version"].get<std::string>() << "\n";
  for (const nlohmann::json& c : log["changes"]) {
    std::cout << "\n"
              << c["version"].get<std::string>() << "  published "
              << c["published"].get<std::string>() << ", effective "
              << c["effective"].get<std::string>() << "  [" << c["area"].get<std::string>()
              << (c["origin"] == "company" ? ", company" : "") << "]\n  "
              << c["summary"].get<std::string>() << "\n  source: " << c["source"].get<std::string>()
              << "\n  reviewed by: " << c["reviewed_by"].get<std::string>() << "\n";
  }
}

std::string RulesOrDash(const nlohmann::json& value) {
  return value.is_null() ? "-" : value.get<std::string>();
}

void PrintEffective(const nlohmann::json& view) {
  std::cout << "Rule set version " << view["version"].get<std::string>() << ", in effect on "
            << view["at"].get<std::string>() << "\n\n";
  for (const nlohmann::json& r : view["rules"]) {
    std::cout << r["jurisdiction"].get<std::string>() << " " << r["type"].get<std::string>()
              << " (from " << r["effective_from"].get<std::string>() << "): verification "
              << r["verification"].get<std::string>() << "; acknowledge "
              << RulesOrDash(r["acknowledge"]) << "; respond " << r["respond"].get<std::string>()
              << "; extension " << RulesOrDash(r["extension"]) << "; appeal "
              << RulesOrDash(r["appeal"]) << "\n  " << r["citation"].get<std::string>() << "\n";
  }
  for (const nlohmann::json& c : view["calendars"]) {
    std::cout << "\nCalendar " << c["id"].get<std::string>() << " (" << c["name"].get<std::string>()
              << "), version from "
              << (c["effective_from"].is_null() ? std::string("the beginning")
                                                : c["effective_from"].get<std::string>())
              << "; days off in " << c["year"].get<int>() << ":\n";
    for (const nlohmann::json& d : c["days_off"]) {
      std::cout << "  " << d["date"].get<std::string>() << "  " << d["name"].get<std::string>()
                << "\n";
    }
  }
}

}  // namespace

void RegisterRulesCommands(CLI::App& root, CliContext& context) {
  CLI::App* rules =
      root.add_subcommand("rules", "The rule set: version, change log, rows in effect");
  rules->require_subcommand(1);

  CLI::App* changelog =
      rules->add_subcommand("changelog", "The rule set's version and its dated change log");
  context.AddDataOption(*changelog);
  auto changelog_json = std::make_shared<bool>(false);
  changelog->add_flag("--json", *changelog_json, "Print one JSON object");
  changelog->callback([&context, changelog_json] {
    auto settings = app::Installation::LoadSettings(context.data_dir());
    if (!settings) {
      context.exit_code = context.Report(settings.error());
      return;
    }
    nlohmann::json log = app::ChangelogJson(settings->ruleset);
    if (*changelog_json) {
      std::cout << log.dump() << '\n';
    } else {
      PrintChangelog(log);
    }
  });

  CLI::App* show = rules->add_subcommand(
      "show", "The rules and calendar versions in effect for requests received on a day");
  context.AddDataOption(*show);
  struct Args {
    std::string at;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  show->add_option("--at", args->at, "Day of receipt, YYYY-MM-DD (default: today)");
  show->add_flag("--json", args->json, "Print one JSON object");
  show->callback([&context, args] {
    auto run = [&]() -> Result<nlohmann::json> {
      auto settings = app::Installation::LoadSettings(context.data_dir());
      if (!settings) return std::unexpected(settings.error());
      const Ruleset& ruleset = settings->ruleset;
      Result<Date> on = args->at.empty() ? context.zones().LocalDate(ruleset.business().time_zone,
                                                                     context.clock().Now())
                                         : ParseDate(args->at);
      if (!on) return std::unexpected(on.error().WithContext("--at"));
      return app::EffectiveRulesJson(ruleset, *on);
    };
    auto view = run();
    if (!view) {
      context.exit_code = context.Report(view.error());
      return;
    }
    if (args->json) {
      std::cout << view->dump() << '\n';
    } else {
      PrintEffective(*view);
    }
  });
}

}  // namespace rightsdesk::cli
