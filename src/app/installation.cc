#include "app/installation.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "config/scenario_loader.h"
#include "platform/files.h"
#include "security/ed25519_signer.h"
#include "security/keys.h"
#include "store/sqlite/sqlite_store.h"

namespace rightsdesk::app {
namespace {

namespace fs = std::filesystem;

Error NotInitialised(const DataDir& dir) {
  return Error(ErrorCode::kNotFound, "no RightsDesk installation in " + dir.root.string() +
                                         " (create one with: rightsdesk init --data " +
                                         dir.root.string() + ")");
}

bool IsInstallation(const DataDir& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir.settings(), ec) && fs::is_regular_file(dir.database(), ec);
}

Result<std::unique_ptr<store::sqlite::SqliteStore>> OpenStore(
    const DataDir& dir, const security::InstallationKeys& keys, const Clock& clock,
    const config::InstallationConfig& config, OpenOptions options) {
  store::sqlite::SqliteStoreOptions store_options{
      .group_commit_max_batch =
          options.group_commit_max_batch.value_or(config.store.group_commit_max_batch),
      .checkpoints = {.every_events = config.audit.checkpoint_every_events,
                      .every_seconds = config.audit.checkpoint_every_seconds}};
  auto opened = store::sqlite::SqliteStore::Open(dir.database(), keys, clock, store_options);
  if (!opened) {
    return std::unexpected(opened.error().WithContext("opening " + dir.database().string()));
  }
  return opened;
}

// The login's keys of [verification.account_token]; a relative path is from the data directory.
// Errors name the settings file and the key.
Result<std::optional<security::AccountTokenKeys>> LoadAccountTokenKeys(
    const DataDir& dir, const config::AccountTokenConfig& token) {
  if (!token.enabled()) return std::optional<security::AccountTokenKeys>();
  fs::path path(token.keys);
  if (path.is_relative()) path = dir.root / path;
  auto keys = security::AccountTokenKeys::Load(path);
  if (!keys) {
    return std::unexpected(
        std::move(keys.error())
            .WithContext(dir.settings().string() + ": [verification.account_token] keys"));
  }
  return std::optional(std::move(*keys));
}

}  // namespace

Result<void> Installation::Init(const DataDir& dir, const Clock& clock, std::string_view actor) {
  std::error_code ec;
  // Only the settings file marks a finished installation, so an interrupted init can be rerun.
  if (fs::exists(dir.settings(), ec)) {
    return Fail(ErrorCode::kAlreadyExists,
                dir.root.string() + " already holds a RightsDesk installation");
  }
  if (auto made = platform::EnsureDirectory(dir.root, 0700); !made) return made;
  if (std::getenv(security::kMasterKeyEnv) == nullptr) {
    if (auto made = platform::EnsureDirectory(dir.keys(), 0700); !made) return made;
    auto created = security::InstallationKeys::CreateMasterKeyFile(dir.keys());
    if (!created && created.error().code() != ErrorCode::kAlreadyExists) return created;
  }
  auto keys = security::InstallationKeys::Load(dir.keys());
  if (!keys) return std::unexpected(keys.error());
  auto settings = config::LoadInstallationConfig(std::nullopt, dir.settings().string());
  if (!settings) return std::unexpected(settings.error());
  auto store = OpenStore(dir, *keys, clock, *settings, {});
  if (!store) return std::unexpected(store.error());
  // Sealed or not, the ledger is nobody else's business (SQLite gives its -wal and -shm files
  // the same mode).
  fs::permissions(dir.database(), fs::perms::owner_read | fs::perms::owner_write, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable,
                "restricting " + dir.database().string() + ": " + ec.message());
  auto event = (*store)->Append({.actor = std::string(actor),
                                 .action = "installation.initialized",
                                 .at = clock.Now(),
                                 .details = {{"schema", "rightsdesk.audit.v1"}}});
  if (!event) return std::unexpected(event.error());
  if (auto checkpoint = (*store)->CheckpointNow(); !checkpoint) {
    return std::unexpected(checkpoint.error());
  }
  // The settings file is written last: its presence marks a complete installation.
  return platform::WriteFileAtomic(dir.settings(), config::StarterConfigText(), 0640, false);
}

namespace {

// Adds every *.toml of the company's training directory, in name order, to the library; each
// must name a jurisdiction the rules know (its dates are computed from them).
Result<void> AddCompanyScenarios(const fs::path& directory, const Ruleset& ruleset,
                                 ScenarioLibrary& library) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) return {};
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) {
    return Fail(ErrorCode::kUnavailable, "reading " + directory.string() + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    auto text = platform::ReadFile(file);
    if (!text) return std::unexpected(text.error());
    auto scenario = config::LoadScenarioFile(*text, file.string());
    if (!scenario) return std::unexpected(scenario.error());
    if (auto zone = ruleset.TimeZoneFor(scenario->request.jurisdiction); !zone) {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": [request] jurisdiction: " + zone.error().message());
    }
    if (auto added = config::AddScenario(std::move(*scenario), file.string(), library); !added) {
      return added;
    }
  }
  return {};
}

}  // namespace

Result<config::InstallationConfig> Installation::LoadSettings(const DataDir& dir) {
  std::error_code ec;
  std::optional<std::string> text;
  if (fs::exists(dir.settings(), ec)) {
    auto read = platform::ReadFile(dir.settings());
    if (!read) return std::unexpected(read.error());
    text = std::move(*read);
  }
  auto settings = config::LoadInstallationConfig(
      text, text ? dir.settings().string() : std::string("shipped defaults"));
  if (!settings) return std::unexpected(settings.error());
  if (auto added = AddCompanyScenarios(dir.training(), settings->ruleset, settings->scenarios);
      !added) {
    return std::unexpected(added.error());
  }
  return settings;
}

Result<std::unique_ptr<Installation>> Installation::Open(const DataDir& dir, const Clock& clock,
                                                         OpenOptions options) {
  if (!IsInstallation(dir)) return std::unexpected(NotInitialised(dir));
  auto settings = LoadSettings(dir);
  if (!settings) return std::unexpected(settings.error());
  auto token_keys = LoadAccountTokenKeys(dir, settings->verification.account_token);
  if (!token_keys) return std::unexpected(token_keys.error());
  auto keys = security::InstallationKeys::Load(dir.keys());
  if (!keys) return std::unexpected(keys.error());
  auto store = OpenStore(dir, *keys, clock, *settings, options);
  if (!store) return std::unexpected(store.error());

  std::unique_ptr<Installation> installation(new Installation());
  installation->config_ = std::move(*settings);
  installation->public_key_ = keys->public_key();
  installation->signer_ = std::make_shared<security::Ed25519Signer>(*keys);
  installation->account_token_keys_ = std::move(*token_keys);
  std::shared_ptr<store::sqlite::SqliteStore> owner = std::move(*store);
  installation->requests_ = owner.get();
  installation->trail_ = owner.get();
  installation->tokens_ = owner.get();
  installation->preferences_ = owner.get();
  installation->users_ = owner.get();
  installation->outbox_ = owner.get();
  installation->corrections_ = owner.get();
  installation->jobs_ = owner.get();
  installation->fulfilment_ = owner.get();
  installation->attachments_ = owner.get();
  installation->codes_ = owner.get();
  installation->verification_ = owner.get();
  installation->drp_ = owner.get();
  installation->feedback_ = owner.get();
  installation->reviews_ = owner.get();
  installation->training_ = owner.get();
  installation->inbox_ = owner.get();
  installation->owner_ = std::move(owner);
  return installation;
}

}  // namespace rightsdesk::app
