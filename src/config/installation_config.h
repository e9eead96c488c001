// The installation's settings file, <data>/rightsdesk.toml: the business's defaults, the company's
// own rules and calendars (over the shipped ones), and operating settings of the store and the
// audit trail. Every key is optional; unknown keys are errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ruleset.h"

namespace rightsdesk::config {

struct StoreSettings {
  // Most writes one commit (one fsync) may carry; 1 turns group commit off.
  int group_commit_max_batch = 1024;
};

struct AuditSettings {
  // A signed checkpoint is written when this many events have been added since the last one,
  // or when the last one is older than checkpoint_every_seconds (checked at each commit).
  std::int64_t checkpoint_every_events = 1000;
  std::int64_t checkpoint_every_seconds = 600;
};

struct HttpSettings {
  // The consumer's intake endpoint, per client address: `intake_burst` at once, then
  // `intake_per_minute` on average (429 beyond).
  double intake_per_minute = 10;
  double intake_burst = 20;
  // Per consumer (the subject's email) and per authorized agent (the agent's email), per hour,
  // whatever address the requests come from; the hour's allowance may be used at once.
  double intake_per_email_per_hour = 5;
  double intake_per_agent_per_hour = 100;
};

struct InstallationConfig {
  Ruleset ruleset;
  StoreSettings store;
  AuditSettings audit;
  HttpSettings http;
};

// The shipped defaults, then `company_toml` (if any) over them. `source` names the file in errors.
Result<InstallationConfig> LoadInstallationConfig(std::optional<std::string_view> company_toml,
                                                  std::string_view source);

// What `rightsdesk init` writes: the defaults spelled out and commented, ready to edit.
std::string_view StarterConfigText();

}  // namespace rightsdesk::config
