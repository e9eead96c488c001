#include "cli/cli_context.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace rightsdesk::cli {
namespace {

std::string LoginName() {
  for (const char* variable : {"RIGHTSDESK_ACTOR", "USER", "LOGNAME"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return value;
  }
  return "uid" + std::to_string(::getuid());
}

}  // namespace

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kPermissionDenied:
      return kExitUsage;
    case ErrorCode::kDataLoss:
      return kExitDataLoss;
    case ErrorCode::kConflict:
    case ErrorCode::kResourceExhausted:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return kExitFailure;
  }
  return kExitFailure;
}

CliContext::CliContext() : actor_("cli:" + LoginName()) {}

void CliContext::AddDataOption(CLI::App& command) {
  command.add_option("--data", data_, "Data directory of the installation")->capture_default_str();
}

Result<std::unique_ptr<app::Installation>> CliContext::OpenInstallation() const {
  return app::Installation::Open(data_dir(), clock_);
}

app::Services CliContext::ServicesOf(app::Installation& installation) {
  return {.ruleset = installation.ruleset(),
          .requests = installation.requests(),
          .clock = clock_,
          .zones = zones_,
          .random = random_,
          .fulfilment = &installation.fulfilment(),
          .fulfilment_required = std::filesystem::exists(data_dir().datamap()),
          .drp = &installation.drp(),
          .verification = &installation.verification(),
          .public_url = installation.config().mail.public_url,
          .feedback = &installation.feedback(),
          .reviews = &installation.reviews()};
}

int CliContext::Report(const Error& error) const {
  std::cerr << "rightsdesk: " << error.message() << '\n';
  return ExitCodeFor(error.code());
}

}  // namespace rightsdesk::cli
