// The data map in the console (docs/datamap.md, docs/web.md): every system with how it is
// reached, its tables, identity fields, links, each field's category and deletion strategy and
// the exceptions with their legal basis; the recipients and how they are told. Admins edit the
// file's text here: a version that does not validate is shown back with the loader's message and
// nothing changes; a valid one replaces the file and is recorded (app/datamap_editing.h).
#include "app/datamap_editing.h"
#include "app/staff_accounts.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string Where(const ConnectorSettings& c) {
  if (c.kind == ConnectorSettings::Kind::kHttp) return c.http.base_url;
  return !c.conninfo.empty() ? c.conninfo : c.path;
}

json ExceptionText(const std::optional<RetentionException>& exception) {
  if (!exception) return nullptr;
  return std::string(Name(exception->basis)) + " (" + std::string(Citation(exception->basis)) +
         "): " + exception->explanation;
}

json TableView(const TableMap& table) {
  json fields = json::array();
  for (const FieldMap& f : table.fields) {
    fields.push_back({{"column", f.column},
                      {"category", Name(f.category)},
                      {"erasure", Name(f.erasure)},
                      {"withheld", f.withheld ? json(Name(*f.withheld)) : json(nullptr)},
                      {"exception", ExceptionText(f.exception)}});
  }
  std::string identity;
  for (const IdentityColumn& i : table.identity) {
    identity += (identity.empty() ? "" : ", ") + std::string(Name(i.kind)) + " = " + i.column;
  }
  std::string link = table.link ? table.name + "." + table.link->column + " = " +
                                      table.link->parent_table + "." + table.link->parent_column
                                : "";
  return {{"name", table.name},
          {"key", table.key},
          {"identity", identity},
          {"link", link},
          {"erasure", Name(table.erasure)},
          {"exception", ExceptionText(table.exception)},
          {"fields", fields}};
}

json MapView(const DataMap& map) {
  json systems = json::array();
  for (const SystemMap& s : map.systems) {
    json tables = json::array();
    for (const TableMap& t : s.tables) tables.push_back(TableView(t));
    systems.push_back({{"name", s.name},
                       {"description", s.description},
                       {"owner", s.owner},
                       {"connector", Name(s.connector.kind)},
                       {"where", Where(s.connector)},
                       {"purposes", Joined(s.purposes)},
                       {"sources", Joined(s.sources)},
                       {"recipients", Joined(s.recipients)},
                       {"retention", s.retention},
                       {"tables", tables}});
  }
  json recipients = json::array();
  for (const Recipient& r : map.recipients) {
    std::vector<std::string> categories;
    for (PiCategory c : r.categories) categories.emplace_back(Name(c));
    recipients.push_back(
        {{"name", r.name},
         {"kind", Name(r.kind)},
         {"categories", Joined(categories)},
         {"told_by", !r.notify_webhook.empty() ? "webhook " + r.notify_webhook
                     : !r.notify_email.empty() ? "email " + r.notify_email
                                               : std::string("by hand (a task)")}});
  }
  const bool has_recipients = !recipients.empty();
  return {{"systems", systems}, {"recipients", recipients}, {"has_recipients", has_recipients}};
}

Response ShowMap(const ApiContext& api, const StaffCall& staff, unsigned status,
                 const std::string& done, const std::string& error,
                 const std::optional<std::string>& draft) {
  if (api.desk == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "the data map is not available here"));
  }
  auto text = app::ReadDataMapText(*api.desk);
  if (!text) return ProblemFor(text.error());
  json context = BaseContext(api, "Data map", &staff);
  context["exists"] = !text->text.empty();
  auto map = api.desk->LoadMap();
  if (map) {
    context["map"] = MapView(*map);
  } else if (!text->text.empty()) {
    context["load_error"] = map.error().message();
  }
  context["can_edit"] = Allows(staff.user.role, Permission::kManageSettings);
  context["text"] = draft.value_or(text->text);
  context["based_on"] = text->sha256;
  if (!done.empty()) context["done"] = done;
  if (!error.empty()) context["error"] = error;
  return Page(api, status, "console_datamap", context);
}

}  // namespace

Response DataMapPage(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  const bool saved = View(request.target()).find("done=saved") != std::string_view::npos;
  return ShowMap(api, *staff, 200, saved ? "Data map saved; it applies from now on." : "", "",
                 std::nullopt);
}

Response PostDataMap(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kManageSettings);
  if (!staff) return std::move(staff.error());
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  if (api.desk == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "the data map is not available here"));
  }
  const std::string text = fields->contains("datamap") ? fields->at("datamap") : "";
  const std::string based_on = fields->contains("based_on") ? fields->at("based_on") : "";
  auto replaced = app::ReplaceDataMap(*api.desk, api.trail, api.services.clock, text, based_on,
                                      app::ActorOf(staff->user));
  if (!replaced) {
    ErrorCode code = replaced.error().code();
    if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kConflict) {
      return ProblemFor(replaced.error());
    }
    // A conflict shows the version now in force, to redo the change on; an invalid draft is
    // shown back to be fixed.
    return ShowMap(api, *staff, StatusFor(code), "", replaced.error().message(),
                   code == ErrorCode::kInvalidArgument ? std::optional(text) : std::nullopt);
  }
  return html::RedirectResponse("/console/datamap?done=saved");
}

}  // namespace rightsdesk::http::console
