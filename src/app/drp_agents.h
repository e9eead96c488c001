// The authorized agents that may use the Data Rights Protocol endpoints, registered by an admin
// (`rightsdesk agent add|list|remove`, docs/cli.md). An agent is trusted by its Ed25519 verify key,
// taken from the DRP service directory or out of band; every change is an audit event.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/error.h"
#include "store/drp_store.h"

namespace rightsdesk::app {

// As typed on the command line.
struct NewDrpAgent {
  std::string id;             // the agent-id of the service directory: 1-64 of [A-Za-z0-9_.-]
  std::string name;           // recorded as the agent of its requests
  std::string email;          // the agent's contact address, recorded with its requests
  std::string verify_key;     // base64 of the 32-byte Ed25519 public key
  std::string callback_base;  // "" or an http(s) URL every status_callback must start with
};

// kInvalidArgument (naming the option) for a malformed field, kAlreadyExists for an id in use.
Result<store::DrpAgent> AddDrpAgent(const Services& services, store::DrpStore& agents,
                                    const NewDrpAgent& agent, std::string_view actor);

// kNotFound when there is no such active agent. Its token stops working at once.
Result<void> RemoveDrpAgent(const Services& services, store::DrpStore& agents, std::string_view id,
                            std::string_view actor);

}  // namespace rightsdesk::app
