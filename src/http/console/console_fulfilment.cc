// A request's fulfilment in the console (docs/web.md): what each system held at the last search
// or why it could not be searched, the manual tasks, the packages offered, the erasure and its
// certificate; and the work itself — search, offer the package, disclose the categories, plan a
// deletion and execute the plan staff approved by its digest, honour an opt-out or limit, record
// a recipient's confirmation. The work runs the same use cases as `rightsdesk fulfil`.
#include <nlohmann/json.hpp>

#include "app/access_delivery.h"
#include "app/casework.h"
#include "app/preferences.h"
#include "app/staff_accounts.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

// The latest event of `action`, if any.
const AuditEvent* Latest(const std::vector<AuditEvent>& events, std::string_view action) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->action == action) return &*it;
  }
  return nullptr;
}

json Details(const AuditEvent* event) {
  if (event == nullptr) return json::object();
  json parsed = json::parse(event->details, nullptr, false);
  return parsed.is_object() ? parsed : json::object();
}

// Per system at the last search: "Customer 1, Invoice 7" or the error, and the tries it took.
json SystemRows(const std::vector<AuditEvent>& events) {
  json rows = json::array();
  const AuditEvent* searched = Latest(events, "fulfilment.searched");
  const json details = Details(searched);
  const json systems = details.contains("systems") ? details["systems"] : json::array();
  const json manual =
      details.contains("manual_systems") ? details["manual_systems"] : json::array();
  for (const json& system : systems) {
    std::string found;
    // Named, not a temporary: items() refers to the object it walks.
    const json tables = system.contains("rows") ? system["rows"] : json::object();
    for (const auto& [table, count] : tables.items()) {
      found += (found.empty() ? "" : ", ") + table + " " + count.dump();
    }
    const bool failed = system.contains("error");
    rows.push_back({{"system", system.value("system", "")},
                    {"failed", failed},
                    {"state", failed          ? system.value("error", "")
                              : found.empty() ? "nothing found"
                                              : found},
                    {"attempts", system.value("attempts", 1)}});
  }
  for (const json& name : manual) {
    rows.push_back({{"system", name.is_string() ? name.get<std::string>() : name.dump()},
                    {"failed", false},
                    {"state", "manual: worked through its task"},
                    {"attempts", 0}});
  }
  return rows;
}

json TaskRows(const std::vector<store::ManualTask>& tasks) {
  json rows = json::array();
  for (const auto& task : tasks) {
    std::size_t done = 0;
    for (const auto& step : task.checklist) done += step.done ? 1 : 0;
    rows.push_back({{"id", task.id},
                    {"system", task.system},
                    {"owner", task.owner},
                    {"due_on", FormatDate(task.due_on)},
                    {"steps", std::to_string(done) + "/" + std::to_string(task.checklist.size())},
                    {"status", task.status}});
  }
  return rows;
}

json PackageRows(const std::vector<store::PackageRecord>& packages, Instant now) {
  json rows = json::array();
  for (const auto& p : packages) {
    rows.push_back({{"created_at", FormatInstant(p.created_at)},
                    {"expires_at", FormatInstant(p.expires_at)},
                    {"size", p.size},
                    {"sha256", p.sha256},
                    {"downloads", p.downloads},
                    {"state", p.erased || p.expires_at < now ? "expired, erased" : "offered"}});
  }
  return rows;
}

json ErasureView(const std::vector<AuditEvent>& events) {
  json view = json::object();
  if (const AuditEvent* executed = Latest(events, "erasure.executed")) {
    json details = Details(executed);
    view["executed_at"] = FormatInstant(executed->at);
    view["all_verified"] = details.value("all_verified", false);
    view["certificate_id"] = details.value("certificate_id", "");
    view["certificate_sha256"] = details.value("certificate_sha256", "");
  }
  return view;
}

}  // namespace

Result<std::string> FulfilmentSection(const ApiContext& api, const StaffCall& staff,
                                      const rightsdesk::Request& r,
                                      const std::vector<AuditEvent>& events, const json& extra) {
  json context = {{"r", {{"id", r.id}, {"type", Name(r.type)}}}, {"csrf", staff.csrf}};
  context["can_work"] = Allows(staff.user.role, Permission::kWorkRequests) && !IsTerminal(r.status);
  context["mapped"] = api.desk != nullptr && std::filesystem::exists(api.desk->datamap_file);
  context["systems"] = SystemRows(events);
  context["searched"] = !context["systems"].empty();
  if (const AuditEvent* searched = Latest(events, "fulfilment.searched")) {
    context["searched_at"] = FormatInstant(searched->at);
  }
  if (api.services.fulfilment != nullptr) {
    auto tasks = api.services.fulfilment->TasksOf(r.id);
    auto packages = api.services.fulfilment->PackagesOf(r.id);
    auto corrections = api.services.fulfilment->CorrectionsOf(r.id);
    if (!tasks || !packages || !corrections) {
      return std::unexpected(!tasks      ? tasks.error()
                             : !packages ? packages.error()
                                         : corrections.error());
    }
    context["tasks"] = TaskRows(*tasks);
    context["packages"] = PackageRows(*packages, api.services.clock.Now());
    context["corrections"] = corrections->size();
    context["has_tasks"] = !tasks->empty();
    context["has_packages"] = !packages->empty();
    context["has_corrections"] = !corrections->empty();
  }
  context["erasure"] = ErasureView(events);
  for (const char* type : {"access", "categories", "delete", "opt_out", "limit", "correct"}) {
    context[std::string("is_") + type] = Name(r.type) == type;
  }
  context["is_preference"] = r.type == RequestType::kOptOut || r.type == RequestType::kLimit;
  for (const auto& [key, value] : extra.items()) context[key] = value;
  return api.templates->Render("console_fulfilment", context);
}

}  // namespace rightsdesk::http::console
