// The console's triage queue: the email intake could not place (docs/messaging.md "Triage"),
// each shown with what it says, to be made a request (type and language chosen) or dismissed.
#include "app/message_classifier.h"
#include "app/staff_accounts.h"
#include "app/triage.h"
#include "core/request_type.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

constexpr std::size_t kShown = 200;

std::string FieldOf(const QueryParams& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

Response ShowTriage(const ApiContext& api, const StaffCall& staff, unsigned status,
                    const std::string& done, const std::string& error) {
  auto waiting = api.inbox->InboundOfKind("triage", kShown);
  if (!waiting) return ProblemFor(waiting.error());
  nlohmann::json context = BaseContext(api, "Triage", &staff);
  context["messages"] = InboundRows(*waiting);
  context["empty"] = waiting->empty();
  nlohmann::json types = nlohmann::json::array();
  for (RequestType t : kAllRequestTypes) types.push_back(Name(t));
  context["types"] = types;
  context["can_work"] = Allows(staff.user.role, Permission::kWorkRequests);
  if (!done.empty()) context["done"] = done;
  if (!error.empty()) context["error"] = error;
  return Page(api, status, "console_triage", context);
}

}  // namespace

Response Triage(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  if (api.inbox == nullptr) return ProblemResponse(404, "Not Found", "no email intake here");
  auto query = ParseQuery(View(request.target()));
  std::string done = query ? FieldOf(*query, "done") : std::string();
  return ShowTriage(api, *staff, 200,
                    done == "accept"    ? "Request made from the message."
                    : done == "dismiss" ? "Message dismissed."
                                        : "",
                    "");
}

Response PostTriage(const ApiContext& api, const Request& request, std::string_view inbound,
                    std::string_view action) {
  auto staff = RequireStaff(api, request, Permission::kWorkRequests);
  if (!staff) return std::move(staff.error());
  if (api.inbox == nullptr || api.corrections == nullptr) {
    return ProblemResponse(404, "Not Found", "no email intake here");
  }
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  const std::string actor = app::ActorOf(staff->user);
  app::TriageStores stores{*api.inbox, *api.corrections};
  const std::string language = FieldOf(*fields, "language");
  Result<void> decided = Fail(ErrorCode::kNotFound, "no such action");
  if (action == "accept") {
    auto made = app::AcceptTriaged(api.services, stores, inbound, FieldOf(*fields, "type"),
                                   language, actor);
    if (made) return html::RedirectResponse("/console/requests/" + made->id + "?done=triage");
    decided = std::unexpected(made.error());
  } else if (action == "dismiss") {
    decided = app::DismissTriaged(api.services, stores, inbound, language, actor);
    if (decided) return html::RedirectResponse("/console/triage?done=dismiss");
  }
  const ErrorCode code = decided.error().code();
  if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kNotFound) {
    return ProblemFor(decided.error());
  }
  return ShowTriage(api, *staff, StatusFor(code), "", decided.error().message());
}

}  // namespace rightsdesk::http::console
