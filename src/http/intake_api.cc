#include "http/intake_api.h"

#include "app/intake.h"
#include "core/reference.h"
#include "http/json_body.h"
#include "http/responses.h"
#include "security/api_token.h"

namespace rightsdesk::http {
namespace {

using nlohmann::json;

// A string member, or an error naming its pointer. Absent or null is "".
Result<std::string> StringAt(const json& object, const char* key, const std::string& pointer) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, pointer + " must be a string", pointer);
  }
  return it->get<std::string>();
}

Result<app::IntakeForm> ReadForm(const json& body) {
  if (!body.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object", "");
  }
  if (body.contains("agent")) {
    return Fail(ErrorCode::kInvalidArgument,
                "requests by authorized agents are not accepted through this API yet", "/agent");
  }
  auto subject = body.find("subject");
  if (subject == body.end() || !subject->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "subject must be an object with an email", "/subject");
  }
  app::IntakeForm form{.channel = "api"};
  struct Field {
    const json* object;
    const char* key;
    std::string pointer;
    std::string* into;
  };
  const Field fields[] = {
      {&body, "type", "/type", &form.type},
      {&*subject, "email", "/subject/email", &form.email},
      {&*subject, "name", "/subject/name", &form.name},
      {&*subject, "phone", "/subject/phone", &form.phone},
      {&*subject, "address", "/subject/address", &form.address},
      {&*subject, "account_id", "/subject/account_id", &form.account_id},
      {&body, "jurisdiction", "/jurisdiction", &form.jurisdiction},
      {&body, "language", "/language", &form.language},
      {&body, "message", "/message", &form.message},
  };
  for (const Field& field : fields) {
    auto value = StringAt(*field.object, field.key, field.pointer);
    if (!value) return std::unexpected(value.error());
    if (!value->empty() || field.into != &form.language) *field.into = std::move(*value);
  }
  if (form.type.empty()) return Fail(ErrorCode::kInvalidArgument, "type is required", "/type");
  return form;
}

json DateOrNull(const std::optional<Date>& date) {
  return date ? json(FormatDate(*date)) : json(nullptr);
}

}  // namespace

Result<app::IntakeForm> ReadIntakeForm(const json& body) { return ReadForm(body); }

Response GetStatus(const ApiContext& api, std::string_view id, std::string_view token) {
  // Every failure looks the same: a wrong link reveals nothing about which requests exist.
  auto not_found = [] { return ProblemResponse(404, "Not Found", "no request has this link"); };
  if (!security::LooksLikeStatusToken(token) || LooksLikeReference(id)) return not_found();
  auto request = api.services.requests.FindById(id);
  if (!request) {
    return request.error().code() == ErrorCode::kNotFound ? not_found()
                                                          : ProblemFor(request.error());
  }
  // Compared in constant time; a request without a link (made before links existed) has an
  // all-zero hash, which no token hashes to.
  if (request->status_token_hash == Hash{} ||
      !security::SameHash(request->status_token_hash, security::HashToken(token))) {
    return not_found();
  }
  const rightsdesk::Request& r = *request;
  return JsonResponse(200,
                      {{"reference", r.reference},
                       {"type", Name(r.type)},
                       {"status", Name(r.status)},
                       {"received_at", FormatInstant(r.received_at)},
                       {"acknowledge_by", DateOrNull(r.deadlines.acknowledge_by)},
                       {"respond_by", FormatDate(r.deadlines.respond_by)},
                       {"extended", r.extended},
                       {"due_on", FormatDate(r.DueDate())},
                       {"closed_at", r.closed_at ? json(FormatInstant(*r.closed_at)) : json()}});
}

json IntakeReceipt(const rightsdesk::Request& r) {
  return {{"id", r.id},
          {"reference", r.reference},
          {"status", Name(r.status)},
          {"type", Name(r.type)},
          {"jurisdiction", r.jurisdiction},
          {"received_at", FormatInstant(r.received_at)},
          {"acknowledge_by", DateOrNull(r.deadlines.acknowledge_by)},
          {"respond_by", FormatDate(r.deadlines.respond_by)}};
}

Response PostRequest(const ApiContext& api, const Request& request, std::string_view peer) {
  int retry_after = 0;
  if (api.intake_limiter != nullptr && !api.intake_limiter->Allow(peer, retry_after)) {
    Response response = ProblemResponse(429, "Too Many Requests",
                                        "too many requests from this address; try again later");
    response.set(beast_http::field::retry_after, std::to_string(retry_after));
    return response;
  }
  auto body = ReadJsonBody(request);
  if (!body) return std::move(body.error());
  auto form = ReadIntakeForm(*body);
  if (!form) return ProblemFor(form.error());
  auto stored = app::SubmitRequest(api.services, *form, "consumer");
  if (!stored) return ProblemFor(stored.error());
  if (api.metrics != nullptr) api.metrics->RecordIntake();
  json receipt = IntakeReceipt(stored->request);
  receipt["status_url"] = "/api/v1/status/" + stored->request.id + "/" + stored->status_token;
  Response response = JsonResponse(201, receipt);
  response.set(beast_http::field::location, "/api/v1/requests/" + stored->request.id);
  return response;
}

}  // namespace rightsdesk::http
