#include "app/drp_agents.h"

#include <algorithm>
#include <cctype>

#include "core/drp_message.h"
#include "core/subject.h"

namespace rightsdesk::app {
namespace {

bool ValidAgentId(std::string_view id) {
  auto allowed = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
  };
  return !id.empty() && id.size() <= 64 && std::ranges::all_of(id, allowed);
}

bool ValidCallbackBase(std::string_view url) {
  if (url.empty()) return true;
  bool http = url.starts_with("https://") || url.starts_with("http://");
  return http && url.size() <= 500 && url.find_first_of(" \t\r\n") == std::string_view::npos &&
         url.substr(url.find("//") + 2).find('/') != std::string_view::npos;
}

}  // namespace

Result<store::DrpAgent> AddDrpAgent(const Services& services, store::DrpStore& agents,
                                    const NewDrpAgent& agent, std::string_view actor) {
  if (!ValidAgentId(agent.id)) {
    return Fail(ErrorCode::kInvalidArgument, "--id must be 1-64 letters, digits, '_', '-' or '.'",
                "--id");
  }
  if (agent.name.empty() || agent.name.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument, "--name must be 1-200 characters", "--name");
  }
  auto contact = ValidateAgent({.name = agent.name, .email = agent.email});
  if (!contact) {
    return Fail(ErrorCode::kInvalidArgument, "--email must be an email address", "--email");
  }
  auto key = ParseVerifyKey(agent.verify_key);
  if (!key) {
    return Fail(ErrorCode::kInvalidArgument, "--verify-key: " + key.error().message(),
                "--verify-key");
  }
  if (!ValidCallbackBase(agent.callback_base)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        "--callback-base must be an http(s) URL with a path, like https://agent.example/drp/",
        "--callback-base");
  }
  store::DrpAgent stored{.id = agent.id,
                         .name = agent.name,
                         .email = contact->email,
                         .verify_key = *key,
                         .callback_base = agent.callback_base,
                         .created_at = services.clock.Now()};
  AuditEventDraft added{.actor = std::string(actor),
                        .action = "drp.agent_added",
                        .at = stored.created_at,
                        .details = {{"agent", stored.id},
                                    {"verify_key", FormatVerifyKey(stored.verify_key)},
                                    {"callback_base", stored.callback_base}}};
  if (auto done = agents.AddAgent(stored, added); !done) return std::unexpected(done.error());
  return stored;
}

Result<void> RemoveDrpAgent(const Services& services, store::DrpStore& agents, std::string_view id,
                            std::string_view actor) {
  Instant now = services.clock.Now();
  return agents.RemoveAgent(id, now,
                            {.actor = std::string(actor),
                             .action = "drp.agent_removed",
                             .at = now,
                             .details = {{"agent", std::string(id)}}});
}

}  // namespace rightsdesk::app
