#include "http/intake_api.h"

#include "app/intake.h"
#include "core/reference.h"
#include "http/intake_door.h"
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
  auto agent = body.find("agent");
  if (agent != body.end() && !agent->is_null() && !agent->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "agent must be an object with a name and an email",
                "/agent");
  }
  const json no_agent = json::object();
  const json& agent_object = agent != body.end() && agent->is_object() ? *agent : no_agent;
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
      {&agent_object, "name", "/agent/name", &form.agent_name},
      {&agent_object, "email", "/agent/email", &form.agent_email},
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
  auto request = FindByStatusLink(api, id, token);
  if (!request) return ProblemFor(request.error());
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
  auto body = ReadJsonBody(request);
  if (!body) return std::move(body.error());
  auto form = ReadIntakeForm(*body);
  if (!form) return ProblemFor(form.error());
  int retry_after = 0;
  auto stored = TakeIn(api, *form, peer, retry_after);
  if (!stored) {
    Response response = ProblemFor(stored.error());
    if (stored.error().code() == ErrorCode::kResourceExhausted) {
      response.set(beast_http::field::retry_after, std::to_string(retry_after));
    }
    return response;
  }
  json receipt = IntakeReceipt(stored->request);
  receipt["status_url"] = StatusPath(*stored);
  Response response = JsonResponse(201, receipt);
  response.set(beast_http::field::location, "/api/v1/requests/" + stored->request.id);
  return response;
}

}  // namespace rightsdesk::http
