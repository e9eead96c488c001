// The console's Rules page (docs/rules.md, docs/web.md): the rule set's version and change log,
// the rows and calendar versions in effect for requests received on a day, and the review
// checklist. Every staff member reads it; admins (kManageSettings) add items and mark them done.
#include "app/rule_reviews.h"
#include "app/rules_json.h"
#include "app/staff_accounts.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/query.h"
#include "http/responses.h"
#include "http/rules_api.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

std::string RulesFieldOr(const QueryParams& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// The view of the rule set for the template: optional periods as "—".
json RulesPageView(const Ruleset& ruleset, Date on) {
  json view = app::EffectiveRulesJson(ruleset, on);
  for (json& row : view["rules"]) {
    for (const char* key : {"acknowledge", "extension", "appeal", "verification_sensitive"}) {
      if (row[key].is_null()) row[key] = "—";
    }
  }
  json log = app::ChangelogJson(ruleset);
  for (json& change : log["changes"]) change["company"] = change["origin"] == "company";
  view["changes"] = log["changes"];
  return view;
}

Response ShowRules(const ApiContext& api, const StaffCall& staff, Date on, unsigned status,
                   const std::string& done, const std::string& error) {
  json context = BaseContext(api, "Rules", &staff);
  context["view"] = RulesPageView(api.services.ruleset, on);
  context["can_manage"] = Allows(staff.user.role, Permission::kManageSettings);
  if (api.services.reviews != nullptr) {
    auto items = api.services.reviews->ReviewItems(std::nullopt);
    if (!items) return ProblemFor(items.error());
    auto today = api.services.zones.LocalDate(api.services.ruleset.business().time_zone,
                                              api.services.clock.Now());
    if (!today) return ProblemFor(today.error());
    json rows = json::array();
    for (const ReviewItem& item : *items) {
      json row = app::ReviewItemJson(item);
      row["open"] = item.status == ReviewStatus::kOpen;
      row["overdue"] = item.status == ReviewStatus::kOpen && *today > item.due_on;
      rows.push_back(std::move(row));
    }
    context["has_reviews"] = !rows.empty();
    context["reviews"] = std::move(rows);
    context["checklist"] = true;
  }
  if (!done.empty()) context["done"] = done;
  if (!error.empty()) context["error"] = error;
  return Page(api, status, "console_rules", context);
}

}  // namespace

Response RulesPage(const ApiContext& api, const Request& request) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto on = RulesDay(api, request);
  if (!on) return ProblemFor(on.error());
  auto query = ParseQuery(View(request.target()));
  std::string done;
  if (query && query->contains("done")) {
    done = query->at("done") == "added" ? "Review item added." : "Review item marked done.";
  }
  return ShowRules(api, *staff, *on, 200, done, "");
}

Response PostReviewItem(const ApiContext& api, const Request& request, std::string_view id) {
  auto staff = RequireStaff(api, request, Permission::kManageSettings);
  if (!staff) return std::move(staff.error());
  auto fields = ReadCheckedForm(request, *staff);
  if (!fields) return std::move(fields.error());
  if (api.services.reviews == nullptr) {
    return ProblemFor(Error(ErrorCode::kUnavailable, "the review checklist is not available here"));
  }
  auto today = api.services.zones.LocalDate(api.services.ruleset.business().time_zone,
                                            api.services.clock.Now());
  if (!today) return ProblemFor(today.error());
  const std::string actor = app::ActorOf(staff->user);
  Result<ReviewItem> changed;
  if (id.empty()) {
    changed = app::AddReviewItem(*api.services.reviews, api.services.clock,
                                 {.kind = RulesFieldOr(*fields, "kind"),
                                  .title = RulesFieldOr(*fields, "title"),
                                  .source = RulesFieldOr(*fields, "source"),
                                  .owner = RulesFieldOr(*fields, "owner"),
                                  .due_on = RulesFieldOr(*fields, "due_on")},
                                 actor);
  } else {
    auto number = ReviewItemId(id);
    changed = number ? app::CompleteReviewItem(*api.services.reviews, api.services.clock, *number,
                                               RulesFieldOr(*fields, "note"), actor)
                     : Result<ReviewItem>(std::unexpected(number.error()));
  }
  if (!changed) {
    ErrorCode code = changed.error().code();
    if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kFailedPrecondition &&
        code != ErrorCode::kNotFound) {
      return ProblemFor(changed.error());
    }
    return ShowRules(api, *staff, *today, StatusFor(code), "", changed.error().message());
  }
  return html::RedirectResponse(id.empty() ? "/console/rules?done=added"
                                           : "/console/rules?done=done");
}

}  // namespace rightsdesk::http::console
