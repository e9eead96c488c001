// A training scenario file (training/scenarios/*.toml), written by a compliance person. Checks
// beyond "no crash": a loaded scenario passes its own validation, and scoring its expected
// answers against any dates gives full marks or names the missing date; scoring never throws.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "config/rules_loader.h"
#include "config/scenario_loader.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rightsdesk;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = config::ParseToml(text, "fuzz.toml");
  if (!doc) return 0;
  auto scenario = config::LoadScenario(*doc, "fuzz.toml");
  if (!scenario) return 0;
  if (!ValidateScenario(*scenario)) __builtin_trap();
  const Date day = *ParseDate("2026-11-02");
  ExpectedDates dates{.acknowledge = day, .respond = day, .extended = day};
  std::map<std::string, std::string> answers;
  for (const ScenarioDecision& d : scenario->decisions) {
    answers[d.id] = d.kind == DecisionKind::kChoice ? d.accepted.front() : "2026-11-02";
  }
  auto score = ScoreAnswers(*scenario, answers, dates);
  if (!score || score->score != scenario->MaxScore()) __builtin_trap();
  return 0;
}
