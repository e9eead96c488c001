// What every command shares: the data directory option, the real clock, time zones and random
// source, and the one way a command reports its outcome (exit code + message on stderr).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "app/installation.h"
#include "app/services.h"
#include "core/error.h"
#include "platform/system_clock.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"

namespace rightsdesk::cli {

// Exit codes (docs/cli.md): 0 ok; 1 the system failed (retry may help); 2 the input or the state
// of a request forbids it; 3 stored data is corrupt or tampered with.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitDataLoss = 3;

int ExitCodeFor(ErrorCode code);

class CliContext {
 public:
  CliContext();

  // Adds --data to a command (every command takes it).
  void AddDataOption(CLI::App& command);

  app::DataDir data_dir() const { return {data_}; }
  const Clock& clock() const { return clock_; }
  const TimeZones& zones() const { return zones_; }
  Random& random() { return random_; }
  // "cli:<login name>", recorded as the actor of every change made from the command line.
  const std::string& actor() const { return actor_; }

  Result<std::unique_ptr<app::Installation>> OpenInstallation() const;
  app::Services ServicesOf(app::Installation& installation);

  // Prints "rightsdesk: <message>" on stderr and returns the exit code for it.
  int Report(const Error& error) const;

  int exit_code = kExitOk;

 private:
  std::string data_ = "./rightsdesk-data";
  platform::SystemClock clock_;
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::string actor_;
};

void RegisterInit(CLI::App& root, CliContext& context);
void RegisterDeadlines(CLI::App& root, CliContext& context);
void RegisterRequestCommands(CLI::App& root, CliContext& context);
// `request verify` and `request verification` (cli/verification_commands.cc).
void AddVerificationCommands(CLI::App& request, CliContext& context);
void RegisterAuditCommands(CLI::App& root, CliContext& context);
void RegisterWorker(CLI::App& root, CliContext& context);
void RegisterClassify(CLI::App& root, CliContext& context);
void RegisterIntakeCommands(CLI::App& root, CliContext& context);
void RegisterReportCommands(CLI::App& root, CliContext& context);
void RegisterFulfilCommands(CLI::App& root, CliContext& context);
void RegisterTaskCommands(CLI::App& root, CliContext& context);
void RegisterServe(CLI::App& root, CliContext& context);
void RegisterTokenCommands(CLI::App& root, CliContext& context);
void RegisterUserCommands(CLI::App& root, CliContext& context);
void RegisterAgentCommands(CLI::App& root, CliContext& context);
void RegisterRulesCommands(CLI::App& root, CliContext& context);
void RegisterReviewCommands(CLI::App& root, CliContext& context);

}  // namespace rightsdesk::cli
