#include "http/portal/feedback_page.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "app/feedback.h"
#include "http/console/console_session.h"
#include "http/html/web_input.h"
#include "http/intake_door.h"
#include "http/json_body.h"
#include "http/portal/page_context.h"
#include "http/responses.h"
#include "security/api_token.h"

namespace rightsdesk::http::portal {
namespace {

using nlohmann::json;

// The request behind either link: the status link's token ("rds_") or the survey's ("rdf_").
Result<rightsdesk::Request> FindSurveyRequest(const ApiContext& api, std::string_view id,
                                              std::string_view token) {
  if (security::LooksLikeStatusToken(token)) return FindByStatusLink(api, id, token);
  return app::FindBySurveyLink(api.services, id, token);
}

Response SurveyMessage(const ApiContext& api, unsigned status, const std::string& lang,
                       const std::string& title_key, const std::string& text_key) {
  json context = PageContext(api, lang, title_key, "", {});
  context["heading"] = context["title"];
  context["text"] = Text(context["t"], text_key);
  return PageResponse(api, status, "portal_message", context, {});
}

// What the form had, to show it again with the problem.
struct SurveyTyped {
  std::string score;
  std::string comment;
};

Response SurveyForm(const ApiContext& api, unsigned status, const rightsdesk::Request& r,
                    const std::string& lang, const std::string& path, const SurveyTyped& typed,
                    const std::optional<Error>& error) {
  json context = PageContext(api, lang, "feedback_title", path, {});
  const json& t = context["t"];
  context["reference"] = r.reference;
  context["type_label"] = Text(t, "right_" + std::string(Name(r.type)) + "_title");
  context["status_text"] = Text(t, "status_" + std::string(Name(r.status)) + "_text");
  context["action"] = path;
  context["comment"] = typed.comment;
  context["max_comment"] = kMaxFeedbackCommentBytes;
  const bool bad_score = error && error->field() == "/score";
  json scores = json::array();
  for (int score = kMaxFeedbackScore; score >= kMinFeedbackScore; --score) {
    const std::string value = std::to_string(score);
    scores.push_back({{"value", value},
                      {"label", Text(t, "feedback_score_" + value)},
                      {"checked", typed.score == value},
                      {"invalid_score", bad_score}});
  }
  context["scores"] = std::move(scores);
  if (error) {
    const bool comment = error->field() == "/comment";
    context["error"] = {{"field_id", comment ? "comment" : "score-5"},
                        {"message", Text(t, comment ? "invalid_comment" : "invalid_score")}};
    context["invalid_comment"] = comment;
  }
  return PageResponse(api, status, "portal_feedback", context, {});
}

// A score as typed: 0 (refused by the use case) when it is not a whole number.
int ParseScore(std::string_view text) {
  int score = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), score);
  if (ec != std::errc() || end != text.data() + text.size()) return 0;
  return score;
}

struct OpenSurvey {
  rightsdesk::Request request;
  std::string lang;
  std::string path;
};

std::expected<OpenSurvey, Response> OpenSurveyLink(const ApiContext& api, const Request& request,
                                                   const Call& call, const QueryParams& chosen,
                                                   bool from_status) {
  const std::string& id = call.params.at("id");
  const std::string& token = call.params.at("token");
  auto found = FindSurveyRequest(api, id, token);
  std::string lang =
      found && !chosen.contains("lang")
          ? found->language
          : html::ChooseLanguage(chosen, View(request[beast_http::field::accept_language]));
  if (!found) {
    const bool missing = found.error().code() == ErrorCode::kNotFound;
    if (!missing) spdlog::error("survey page: {}", found.error().message());
    return std::unexpected(SurveyMessage(api, missing ? 404 : StatusFor(found.error().code()), lang,
                                         missing ? "not_found_title" : "error_title",
                                         missing ? "not_found_text" : "error_text"));
  }
  const std::string path = from_status ? "/privacy/status/" + id + "/" + token + "/feedback"
                                       : app::SurveyPath(id, token);
  return OpenSurvey{.request = std::move(*found), .lang = std::move(lang), .path = path};
}

Response GetSurvey(const ApiContext& api, const Request& request, const Call& call,
                   bool from_status) {
  auto survey = OpenSurveyLink(api, request, call, QueryOf(request), from_status);
  if (!survey) return std::move(survey.error());
  const rightsdesk::Request& r = survey->request;
  if (!InvitesFeedback(r.status)) {
    return SurveyMessage(api, 409, survey->lang, "feedback_not_closed_title",
                         "feedback_not_closed_text");
  }
  auto answered = app::FeedbackAnswered(api.services, r.id);
  if (!answered) {
    spdlog::error("survey page: {}", answered.error().message());
    return SurveyMessage(api, 500, survey->lang, "error_title", "error_text");
  }
  if (*answered) {
    return SurveyMessage(api, 200, survey->lang, "feedback_answered_title",
                         "feedback_answered_text");
  }
  return SurveyForm(api, 200, r, survey->lang, survey->path, {}, std::nullopt);
}

Response PostSurvey(const ApiContext& api, const Request& request, const Call& call,
                    bool from_status) {
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::move(fields.error());
  if (!console::SameOrigin(request)) {
    const std::string lang =
        html::ChooseLanguage(*fields, View(request[beast_http::field::accept_language]));
    return SurveyMessage(api, 403, lang, "error_title", "verify_cross_site");
  }
  auto survey = OpenSurveyLink(api, request, call, *fields, from_status);
  if (!survey) return std::move(survey.error());
  auto field = [&](const char* key) {
    auto it = fields->find(key);
    return it == fields->end() ? std::string() : it->second;
  };
  SurveyTyped typed{.score = field("score"), .comment = field("comment")};
  auto answered =
      app::AnswerFeedback(api.services, survey->request, ParseScore(typed.score), typed.comment);
  if (answered) {
    return SurveyMessage(api, 200, survey->lang, "feedback_thanks_title", "feedback_thanks_text");
  }
  switch (answered.error().code()) {
    case ErrorCode::kInvalidArgument:
      return SurveyForm(api, 422, survey->request, survey->lang, survey->path, typed,
                        answered.error());
    case ErrorCode::kAlreadyExists:
      return SurveyMessage(api, 409, survey->lang, "feedback_answered_title",
                           "feedback_answered_text");
    case ErrorCode::kFailedPrecondition:
      return SurveyMessage(api, 409, survey->lang, "feedback_not_closed_title",
                           "feedback_not_closed_text");
    default:
      spdlog::error("survey answer: {}", answered.error().message());
      return SurveyMessage(api, StatusFor(answered.error().code()), survey->lang, "error_title",
                           "error_text");
  }
}

// The JSON form. A bad answer is 422 with the problem's pointer (/score, /comment), as
// everywhere in the API (http/responses.h StatusFor).
Response PostSurveyJson(const ApiContext& api, const Request& request, const Call& call) {
  auto found = FindSurveyRequest(api, call.params.at("id"), call.params.at("token"));
  if (!found) return ProblemFor(found.error());
  auto body = ReadJsonBody(request);
  if (!body) return std::move(body.error());
  auto bad = [](const std::string& pointer, const std::string& detail) {
    return ProblemFor(Error(ErrorCode::kInvalidArgument, detail, pointer));
  };
  if (!body->is_object()) return bad("", "the body must be a JSON object");
  auto score = body->find("score");
  if (score == body->end() || !score->is_number_integer()) {
    return bad("/score", "score must be a whole number from 1 to 5");
  }
  std::string comment;
  if (auto c = body->find("comment"); c != body->end() && !c->is_null()) {
    if (!c->is_string()) return bad("/comment", "comment must be a string");
    comment = c->get<std::string>();
  }
  const auto value = score->get<std::int64_t>();
  const int clamped = value < 0 || value > 100 ? 0 : static_cast<int>(value);
  auto answered = app::AnswerFeedback(api.services, *found, clamped, comment);
  if (!answered) {
    if (answered.error().code() == ErrorCode::kInvalidArgument) {
      return bad(answered.error().field(), answered.error().message());
    }
    return ProblemFor(answered.error());
  }
  return JsonResponse(201,
                      {{"reference", found->reference}, {"score", clamped}, {"answered", true}});
}

}  // namespace

void AddFeedbackRoutes(Router& router, const ApiContext& api) {
  for (bool from_status : {false, true}) {
    const std::string path =
        from_status ? "/privacy/status/{id}/{token}/feedback" : "/privacy/feedback/{id}/{token}";
    router.Add(Verb::get, path, [&api, from_status](const Request& request, const Call& call) {
      return GetSurvey(api, request, call, from_status);
    });
    router.Add(Verb::post, path, [&api, from_status](const Request& request, const Call& call) {
      return PostSurvey(api, request, call, from_status);
    });
  }
  router.Add(Verb::post, "/api/v1/status/{id}/{token}/feedback",
             [&api](const Request& request, const Call& call) {
               return PostSurveyJson(api, request, call);
             });
}

}  // namespace rightsdesk::http::portal
