#include "http/rules_api.h"

#include <charconv>

#include "app/rule_reviews.h"
#include "app/rules_json.h"
#include "http/auth.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/responses.h"

namespace rightsdesk::http {
namespace {

using nlohmann::json;

Result<store::ReviewStore*> ReviewStoreOf(const ApiContext& api) {
  if (api.services.reviews == nullptr) {
    return Fail(ErrorCode::kUnavailable, "the rule review checklist is not available here");
  }
  return api.services.reviews;
}

// A string member of a JSON body ("" when absent and optional).
Result<std::string> ReviewBodyString(const json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (!required) return std::string();
    return Fail(ErrorCode::kInvalidArgument, std::string(name) + " is required",
                std::string("/") + name);
  }
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(name) + " must be a string",
                std::string("/") + name);
  }
  return it->get<std::string>();
}

}  // namespace

Result<Date> RulesDay(const ApiContext& api, const Request& request) {
  auto query = ParseQuery(View(request.target()));
  if (!query) return std::unexpected(query.error());
  if (auto it = query->find("at"); it != query->end()) {
    auto day = ParseDate(it->second);
    if (!day) return Fail(ErrorCode::kInvalidArgument, "at must be YYYY-MM-DD", "/at");
    return *day;
  }
  return api.services.zones.LocalDate(api.services.ruleset.business().time_zone,
                                      api.services.clock.Now());
}

Result<std::int64_t> ReviewItemId(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Fail(ErrorCode::kNotFound, "no review item " + std::string(text));
  }
  return id;
}

Response GetRules(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto day = RulesDay(api, request);
  if (!day) return ProblemFor(day.error());
  json out = app::EffectiveRulesJson(api.services.ruleset, *day);
  json log = app::ChangelogJson(api.services.ruleset);
  out["shipped_version"] = log["shipped_version"];
  out["changes"] = log["changes"];
  return JsonResponse(200, out);
}

Response ListReviews(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kReadRequests);
  if (!token) return std::move(token.error());
  auto reviews = ReviewStoreOf(api);
  if (!reviews) return ProblemFor(reviews.error());
  auto query = ParseQuery(View(request.target()));
  if (!query) return ProblemFor(query.error());
  std::optional<ReviewStatus> status;
  if (auto it = query->find("status"); it != query->end()) {
    status = ParseReviewStatus(it->second);
    if (!status) {
      return ProblemFor(
          Error(ErrorCode::kInvalidArgument, "status must be open or done", "/status"));
    }
  }
  auto items = (*reviews)->ReviewItems(status);
  if (!items) return ProblemFor(items.error());
  json out = {{"items", json::array()}};
  for (const ReviewItem& item : *items) out["items"].push_back(app::ReviewItemJson(item));
  return JsonResponse(200, out);
}

Response PostReview(const ApiContext& api, const Request& request) {
  auto token = RequirePermission(request, api.tokens, Permission::kManageSettings);
  if (!token) return std::move(token.error());
  auto reviews = ReviewStoreOf(api);
  if (!reviews) return ProblemFor(reviews.error());
  auto body = ReadJsonBody(request);
  if (!body) return std::move(body.error());
  app::NewReviewItem input;
  for (auto [name, field, required] :
       {std::tuple{"kind", &input.kind, true}, std::tuple{"title", &input.title, true},
        std::tuple{"owner", &input.owner, true}, std::tuple{"due_on", &input.due_on, true},
        std::tuple{"source", &input.source, false}}) {
    auto value = ReviewBodyString(*body, name, required);
    if (!value) return ProblemFor(value.error());
    *field = std::move(*value);
  }
  auto item = app::AddReviewItem(**reviews, api.services.clock, input, ActorOf(*token));
  if (!item) return ProblemFor(item.error());
  return JsonResponse(201, app::ReviewItemJson(*item));
}

Response PostReviewDone(const ApiContext& api, const Request& request, std::string_view id) {
  auto token = RequirePermission(request, api.tokens, Permission::kManageSettings);
  if (!token) return std::move(token.error());
  auto reviews = ReviewStoreOf(api);
  if (!reviews) return ProblemFor(reviews.error());
  auto number = ReviewItemId(id);
  if (!number) return ProblemFor(number.error());
  auto body = ReadJsonBody(request);
  if (!body) return std::move(body.error());
  auto note = ReviewBodyString(*body, "note", true);
  if (!note) return ProblemFor(note.error());
  auto item =
      app::CompleteReviewItem(**reviews, api.services.clock, *number, *note, ActorOf(*token));
  if (!item) return ProblemFor(item.error());
  return JsonResponse(200, app::ReviewItemJson(*item));
}

}  // namespace rightsdesk::http
