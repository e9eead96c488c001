#include "http/portal/portal.h"

#include "app/preferences.h"
#include "app/recipient_notices.h"
#include "core/feedback.h"
#include "core/request_type.h"
#include "http/html/page_response.h"
#include "http/html/web_input.h"
#include "http/intake_door.h"
#include "http/portal/page_context.h"
#include "http/responses.h"

namespace rightsdesk::http::portal {
namespace {

using nlohmann::json;

std::string LanguageOf(const Request& request, const QueryParams& params) {
  return html::ChooseLanguage(params, View(request[beast_http::field::accept_language]));
}

std::string PeriodText(const Period& period, const json& t) {
  std::string unit = period.unit == PeriodUnit::kCalendarDays   ? "unit_calendar_days"
                     : period.unit == PeriodUnit::kBusinessDays ? "unit_business_days"
                     : period.count == 1                        ? "unit_month"
                                                                : "unit_months";
  return std::to_string(period.count) + " " + Text(t, unit);
}

std::string WithPeriod(const json& t, const std::string& key, const Period& period) {
  std::string text = Text(t, key);
  if (auto at = text.find("{period}"); at != std::string::npos) {
    text.replace(at, 8, PeriodText(period, t));
  }
  return text;
}

Date Today(const ApiContext& api) {
  const Ruleset& rules = api.services.ruleset;
  auto today = api.services.zones.LocalDate(rules.business().time_zone, api.services.clock.Now());
  return today ? *today : Date{std::chrono::floor<std::chrono::days>(api.services.clock.Now())};
}

// One right as the home page explains it: the time and the proof come from the rules table in
// effect today for the business's default jurisdiction.
json RightCard(const ApiContext& api, RequestType type, const json& t, const std::string& lang) {
  std::string name(Name(type));
  json card = {{"type", name},
               {"lang", lang},
               {"title", Text(t, "right_" + name + "_title")},
               {"summary", Text(t, "right_" + name + "_summary")}};
  const Ruleset& rules = api.services.ruleset;
  auto rule = rules.table().Find(rules.business().default_jurisdiction, type, Today(api));
  if (rule) {
    card["time"] = WithPeriod(t, "time_answer_within", (*rule)->respond);
    if ((*rule)->extension)
      card["extension"] = WithPeriod(t, "time_extension", *(*rule)->extension);
    card["proof"] = Text(t, "proof_" + std::string(Name((*rule)->verification)));
  }
  return card;
}

// The form's fields as typed, so that a page with an error keeps them.
struct Typed {
  std::string type, email, name, phone, address, account_id, jurisdiction, message, agent_name,
      agent_email;
};

Typed TypedFrom(const QueryParams& fields) {
  auto get = [&](const char* key) {
    auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
  };
  return {get("type"),       get("email"),      get("name"),         get("phone"),
          get("address"),    get("account_id"), get("jurisdiction"), get("message"),
          get("agent_name"), get("agent_email")};
}

// The form's element id for a use-case error's JSON pointer.
std::string FieldIdOf(const std::string& pointer) {
  if (pointer == "/type") return "type";
  auto slash = pointer.rfind('/');
  std::string last = slash == std::string::npos ? pointer : pointer.substr(slash + 1);
  if (pointer.starts_with("/agent/")) return "agent_" + last;
  return last;
}

json FormContext(const ApiContext& api, const std::string& lang, const Typed& typed,
                 const std::optional<Error>& error) {
  json context = PageContext(
      api, lang, "form_title",
      "/privacy/request" + (typed.type.empty() ? std::string() : "?type=" + typed.type), {});
  const json& t = context["t"];
  json types = json::array();
  for (RequestType type : kAllRequestTypes) {
    std::string name(Name(type));
    types.push_back({{"value", name},
                     {"label", Text(t, "right_" + name + "_title")},
                     {"checked", typed.type == name}});
  }
  const Ruleset& rules = api.services.ruleset;
  std::string chosen =
      typed.jurisdiction.empty() ? rules.business().default_jurisdiction : typed.jurisdiction;
  json jurisdictions = json::array();
  for (const Jurisdiction& j : rules.table().jurisdictions()) {
    jurisdictions.push_back({{"id", j.id}, {"name", j.name}, {"selected", j.id == chosen}});
  }
  context["types"] = std::move(types);
  context["jurisdictions"] = std::move(jurisdictions);
  context["form"] = {{"email", typed.email},           {"name", typed.name},
                     {"phone", typed.phone},           {"address", typed.address},
                     {"account_id", typed.account_id}, {"message", typed.message},
                     {"agent_name", typed.agent_name}, {"agent_email", typed.agent_email}};
  if (error) {
    std::string field = FieldIdOf(error->field());
    std::string message = Text(t, "invalid_" + field);
    context["error"] = {{"field_id", field == "type" ? "type-access" : field},
                        {"message", message.empty() ? error->message() : message}};
    context["invalid"] = {{field, true}};
  }
  return context;
}

Response MessagePage(const ApiContext& api, unsigned status, const std::string& lang,
                     const std::string& title_key, const std::string& text_key, const Gpc& gpc) {
  json context = PageContext(api, lang, title_key, "", gpc);
  context["heading"] = context["title"];
  context["text"] = Text(context["t"], text_key);
  return PageResponse(api, status, "portal_message", context, gpc);
}

app::IntakeForm IntakeFormOf(const Typed& typed, const std::string& lang) {
  return {.type = typed.type,
          .email = typed.email,
          .name = typed.name,
          .phone = typed.phone,
          .address = typed.address,
          .account_id = typed.account_id,
          .jurisdiction = typed.jurisdiction,
          .channel = "web",
          .language = lang,
          .message = typed.message,
          .agent_name = typed.agent_name,
          .agent_email = typed.agent_email};
}

Response Confirmation(const ApiContext& api, const std::string& lang,
                      const app::Submitted& submitted, const Gpc& gpc) {
  json context = PageContext(api, lang, "confirm_title", "", gpc);
  const json& t = context["t"];
  const rightsdesk::Request& r = submitted.request;
  context["reference"] = r.reference;
  context["type_label"] = Text(t, "right_" + std::string(Name(r.type)) + "_title");
  context["respond_by"] = LongDate(r.deadlines.respond_by, t);
  if (r.deadlines.acknowledge_by)
    context["acknowledge_by"] = LongDate(*r.deadlines.acknowledge_by, t);
  context["status_href"] = StatusPath(submitted);
  return PageResponse(api, 200, "portal_confirmation", context, gpc);
}

}  // namespace

Response Home(const ApiContext& api, const Request& request) {
  std::string lang = LanguageOf(request, QueryOf(request));
  Gpc gpc = HonorGpcSignal(api, request, "");
  json context = PageContext(api, lang, "center_title", "/privacy", gpc);
  json rights = json::array();
  for (RequestType type : kAllRequestTypes)
    rights.push_back(RightCard(api, type, context["t"], lang));
  context["rights"] = std::move(rights);
  return PageResponse(api, 200, "portal_home", context, gpc);
}

Response Form(const ApiContext& api, const Request& request) {
  QueryParams params = QueryOf(request);
  std::string lang = LanguageOf(request, params);
  Gpc gpc = HonorGpcSignal(api, request, "");
  Typed typed;
  if (auto it = params.find("type"); it != params.end() && ParseRequestType(it->second)) {
    typed.type = it->second;
  }
  json context = FormContext(api, lang, typed, std::nullopt);
  context["gpc_honored"] = gpc.honored;
  return PageResponse(api, 200, "portal_form", context, gpc);
}

Response Submit(const ApiContext& api, const Request& request, std::string_view peer) {
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::move(fields.error());
  std::string lang = html::ChooseLanguage(*fields, "");
  Typed typed = TypedFrom(*fields);
  int retry_after = 0;
  auto stored = TakeIn(api, IntakeFormOf(typed, lang), peer, retry_after);
  if (!stored) {
    Gpc gpc = HonorGpcSignal(api, request, "");
    switch (stored.error().code()) {
      case ErrorCode::kInvalidArgument: {
        json context = FormContext(api, lang, typed, stored.error());
        context["gpc_honored"] = gpc.honored;
        return PageResponse(api, 422, "portal_form", context, gpc);
      }
      case ErrorCode::kResourceExhausted: {
        Response page = MessagePage(api, 429, lang, "too_many_title", "too_many_text", gpc);
        page.set(beast_http::field::retry_after, std::to_string(retry_after));
        return page;
      }
      default:
        return MessagePage(api, StatusFor(stored.error().code()), lang, "error_title", "error_text",
                           gpc);
    }
  }
  Gpc gpc = HonorGpcSignal(api, request, stored->request.subject.email);
  return Confirmation(api, lang, *stored, gpc);
}

namespace {

// How far the businesses we disclose to have been told of the consumer's request: counts only,
// never their names (§7026(f) asks us to tell them; the consumer sees that we did).
void AddRecipientProgress(const ApiContext& api, const rightsdesk::Request& r, json& context) {
  std::optional<app::RecipientNotice> notice;
  if (r.type == RequestType::kDelete) notice = app::RecipientNotice::kDeletion;
  if (r.type == RequestType::kOptOut || r.type == RequestType::kLimit) {
    notice = app::NoticeFor(r.type);
  }
  if (!notice) return;
  auto events = api.services.requests.EventsOf(r.id);
  if (!events) return;  // the page still says where the request stands
  app::NoticeProgress progress = app::ProgressOf(*events, *notice);
  if (progress.recipients.empty()) return;
  int confirmed = progress.Count([](const app::RecipientProgress& p) { return p.confirmed; });
  context["partners"] = {
      {"total", progress.recipients.size()},
      {"told", progress.Count([](const app::RecipientProgress& p) { return p.Done(); })},
      {"confirmed", confirmed > 0 ? json(confirmed) : json(false)}};  // 0 would print
}

}  // namespace

Response Status(const ApiContext& api, const Request& request, std::string_view id,
                std::string_view token) {
  QueryParams params = QueryOf(request);
  auto found = FindByStatusLink(api, id, token);
  std::string lang = LanguageOf(request, params);
  if (found && !params.contains("lang")) lang = found->language;
  Gpc gpc = HonorGpcSignal(api, request, found ? found->subject.email : "");
  if (!found) {
    bool missing = found.error().code() == ErrorCode::kNotFound;
    return MessagePage(api, missing ? 404 : StatusFor(found.error().code()), lang,
                       missing ? "not_found_title" : "error_title",
                       missing ? "not_found_text" : "error_text", gpc);
  }
  const rightsdesk::Request& r = *found;
  std::string path = "/privacy/status/" + std::string(id) + "/" + std::string(token);
  json context = PageContext(api, lang, "status_title", path, gpc);
  const json& t = context["t"];
  context["reference"] = r.reference;
  context["type_label"] = Text(t, "right_" + std::string(Name(r.type)) + "_title");
  context["status_text"] = Text(t, "status_" + std::string(Name(r.status)) + "_text");
  context["received_on"] = LongDate(r.received_on, t);
  context["due_on"] = LongDate(r.DueDate(), t);
  context["extended"] = r.extended;
  if (r.closed_at) {
    auto closed =
        api.services.zones.LocalDate(api.services.ruleset.business().time_zone, *r.closed_at);
    if (closed) context["closed_on"] = LongDate(*closed, t);
  }
  AddRecipientProgress(api, r, context);
  // The way to confirm who they are, while the request waits for it and its level asks for proof.
  auto rule = api.services.ruleset.table().Find(r.jurisdiction, r.type, r.received_on);
  const bool awaits = r.status == Status::kReceived || r.status == Status::kPendingVerification;
  if (awaits && rule && (*rule)->verification != VerificationLevel::kNone) {
    context["verify_href"] = path + "/verify";
  }
  // Once closed, the survey (docs/feedback.md) is open from the status link too.
  if (api.services.feedback != nullptr && InvitesFeedback(r.status)) {
    context["feedback_href"] = path + "/feedback";
  }
  return PageResponse(api, 200, "portal_status", context, gpc);
}

Response GpcSupport() {
  Response response = JsonResponse(200, {{"gpc", true}, {"lastUpdate", "2026-11-25"}});
  response.set(beast_http::field::cache_control, "public, max-age=86400");
  return response;
}

}  // namespace rightsdesk::http::portal
