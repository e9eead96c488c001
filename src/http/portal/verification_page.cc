#include "http/portal/verification_page.h"

#include <spdlog/spdlog.h>

#include <expected>
#include <optional>

#include "app/verification.h"
#include "http/console/console_session.h"
#include "http/html/page_response.h"
#include "http/html/web_input.h"
#include "http/intake_door.h"
#include "http/portal/page_context.h"
#include "http/responses.h"
#include "messaging/form_data.h"

namespace rightsdesk::http::portal {
namespace {

using nlohmann::json;

// A request's verification page, opened by its status link.
struct VerifyLink {
  rightsdesk::Request request;
  std::string lang;
  Gpc gpc;
  std::string status_path;  // the status page's path; the verification page is under it
  std::string path() const { return status_path + "/verify"; }
};

// What the page says besides where verification stands.
struct VerifyNotes {
  std::optional<DataPoint> code_for;  // show the form to type the code sent to this contact
  bool consent_form = false;          // a code for the agent was just sent or typed
  std::string sent;                   // a code was just sent
  std::string problem;                // why the last step did not work
};

Response VerifyMessage(const ApiContext& api, unsigned status, const std::string& lang,
                       const std::string& title_key, const std::string& text_key, const Gpc& gpc) {
  json context = PageContext(api, lang, title_key, "", gpc);
  context["heading"] = context["title"];
  context["text"] = Text(context["t"], text_key);
  return PageResponse(api, status, "portal_message", context, gpc);
}

std::expected<VerifyLink, Response> OpenLink(const ApiContext& api, const Request& request,
                                             const Call& call, const QueryParams& chosen) {
  const std::string& id = call.params.at("id");
  const std::string& token = call.params.at("token");
  auto found = FindByStatusLink(api, id, token);
  std::string lang =
      found && !chosen.contains("lang")
          ? found->language
          : html::ChooseLanguage(chosen, View(request[beast_http::field::accept_language]));
  Gpc gpc = HonorGpcSignal(api, request, found ? found->subject.email : "");
  if (!found) {
    const bool missing = found.error().code() == ErrorCode::kNotFound;
    return std::unexpected(VerifyMessage(api, missing ? 404 : StatusFor(found.error().code()), lang,
                                         missing ? "not_found_title" : "error_title",
                                         missing ? "not_found_text" : "error_text", gpc));
  }
  if (api.verification == nullptr) {
    return std::unexpected(VerifyMessage(api, 503, lang, "error_title", "error_text", gpc));
  }
  return VerifyLink{.request = std::move(*found),
                    .lang = std::move(lang),
                    .gpc = std::move(gpc),
                    .status_path = "/privacy/status/" + id + "/" + token};
}

struct PostedVerify {
  QueryParams fields;
  VerifyLink link;
  std::string Field(const std::string& key) const {
    auto found = fields.find(key);
    return found == fields.end() ? "" : found->second;
  }
};

std::expected<PostedVerify, Response> OpenPosted(const ApiContext& api, const Request& request,
                                                 const Call& call) {
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::unexpected(std::move(fields.error()));
  if (!console::SameOrigin(request)) {  // the secret in the path is the form's real guard
    const std::string lang =
        html::ChooseLanguage(*fields, View(request[beast_http::field::accept_language]));
    return std::unexpected(VerifyMessage(api, 403, lang, "error_title", "verify_cross_site", {}));
  }
  auto link = OpenLink(api, request, call, *fields);
  if (!link) return std::unexpected(std::move(link.error()));
  return PostedVerify{.fields = std::move(*fields), .link = std::move(*link)};
}

// The use case with the data map when the installation has one: a confirmation then starts the
// match against the company's records. Without one (or with a map that does not load), the
// confirmation is recorded and staff match later.
class PortalVerification {
 public:
  explicit PortalVerification(const ApiContext& api) {
    if (api.desk != nullptr) {
      auto loaded = api.desk->LoadMap();
      if (loaded) map_ = std::move(*loaded);
    }
    verification_.emplace(api.services, *api.verification, map_ ? &*map_ : nullptr,
                          api.desk != nullptr ? api.desk->open : app::SourceOpener{},
                          api.desk != nullptr ? api.desk->retry : app::RetryPolicy{},
                          api.verification_options);
  }
  app::Verification& operator*() { return *verification_; }
  app::Verification* operator->() { return &*verification_; }

 private:
  std::optional<DataMap> map_;
  std::optional<app::Verification> verification_;
};

bool AwaitsProof(rightsdesk::Status status) {
  return status == rightsdesk::Status::kReceived ||
         status == rightsdesk::Status::kPendingVerification;
}

// One contact point's step: confirmed, or the button (and the form once a code went out).
json ContactStep(const app::VerificationView& view, DataPoint contact, const VerifyNotes& notes) {
  const std::string name(Name(contact));
  const auto& confirmed = view.state.confirmed;
  return {{"contact", name},
          {"confirmed", std::find(confirmed.begin(), confirmed.end(), contact) != confirmed.end()},
          {"code_form", notes.code_for == contact}};
}

json StepsOf(const ApiContext& api, const app::VerificationView& view, const VerifyNotes& notes) {
  json steps = json::array();
  if (!view.request.subject.email.empty()) {
    steps.push_back(ContactStep(view, DataPoint::kEmail, notes));
  }
  if (!view.request.subject.phone.empty() && !api.verification_options.sms_country_code.empty()) {
    steps.push_back(ContactStep(view, DataPoint::kPhone, notes));
  }
  return steps;
}

// For a request an agent made: the agent's proof of permission (uploaded here) and the
// consumer's own confirmation (a code sent to the consumer's email, typed by the consumer).
json AgentSection(const app::VerificationView& view, const VerifyNotes& notes) {
  const VerificationState& state = view.state;
  const AuthorizedAgent& agent = view.request.agent;
  return {{"name", agent.name.empty() ? agent.email : agent.name},
          {"permission", state.agent_permission},
          {"confirmed", state.agent_confirmed},
          {"consent_form", notes.consent_form}};
}

// What the consumer (or their agent) can still do, and whether everything they can do is done.
void AddWorkingSteps(const ApiContext& api, const app::VerificationView& view,
                     const VerifyNotes& notes, json& context) {
  const json& t = context["t"];
  const VerificationState& state = view.state;
  json steps = StepsOf(api, view, notes);
  bool all_done = state.declaration_signed || !state.required.declaration;
  for (json& step : steps) {
    all_done = all_done && step["confirmed"].get<bool>();
    step["label"] = Text(t, "verify_" + step["contact"].get<std::string>() + "_label");
  }
  context["steps"] = steps;
  context["declaration"] = state.required.declaration && !state.declaration_signed;
  context["declaration_signed"] = state.declaration_signed;
  context["statement"] = std::string(app::kDeclarationText);
  if (state.by_agent) {
    context["agent"] = AgentSection(view, notes);
    all_done = all_done && state.agent_permission && state.agent_confirmed;
  }
  // §7060: when the details do not match, a copy of an identity document for a reviewer.
  const bool identity_pending = std::any_of(
      view.documents.begin(), view.documents.end(),
      [](const store::ProofDocument& d) { return d.kind == app::kIdentityDocument && !d.erased; });
  const bool points_short = static_cast<int>(state.matched.size()) < state.required.points;
  context["identity_step"] = points_short || identity_pending;
  context["identity_pending"] = identity_pending;
  // Everything the consumer can do is done: the team takes it from here.
  context["team_review"] = all_done;
}

Response VerifyPage(const ApiContext& api, unsigned status, const VerifyLink& link,
                    const Result<app::VerificationView>& view, const VerifyNotes& notes) {
  if (!view) {
    spdlog::error("verification page: {}", view.error().message());
    return VerifyMessage(api, StatusFor(view.error().code()), link.lang, "error_title",
                         "error_text", link.gpc);
  }
  const bool form_open = notes.code_for || notes.consent_form;
  json context =
      PageContext(api, link.lang, "verify_title", form_open ? "" : link.path(), link.gpc);
  const json& t = context["t"];
  const VerificationState& state = view->state;
  context["reference"] = view->request.reference;
  context["status_href"] = link.status_path;
  context["action"] = link.path();
  const bool awaiting = AwaitsProof(view->request.status);
  context["done"] = !awaiting;
  context["status_text"] = Text(t, "status_" + std::string(Name(view->request.status)) + "_text");
  context["no_proof"] = awaiting && state.required.level == VerificationLevel::kNone;
  context["verified"] = awaiting && state.verified;
  const bool working =
      awaiting && !state.verified && state.required.level != VerificationLevel::kNone;
  context["working"] = working;
  if (working) AddWorkingSteps(api, *view, notes, context);
  if (!notes.sent.empty()) context["sent"] = notes.sent;
  if (!notes.problem.empty()) context["problem"] = notes.problem;
  return PageResponse(api, status, "portal_verify", context, link.gpc);
}

Response ShowVerify(const ApiContext& api, const Request& request, const Call& call) {
  const QueryParams query = QueryOf(request);
  // A DRP agent opens the page with the request's id appended (section 3.02.1): the PIP checks
  // that it is this page's request.
  if (auto named = query.find("request_id");
      named != query.end() && named->second != call.params.at("id")) {
    return VerifyMessage(api, 404, html::ChooseLanguage(query, ""), "not_found_title",
                         "not_found_text", {});
  }
  auto link = OpenLink(api, request, call, query);
  if (!link) return std::move(link.error());
  PortalVerification verification(api);
  return VerifyPage(api, 200, *link, verification->Show(link->request.id), {});
}

std::optional<DataPoint> ContactField(const PostedVerify& form) {
  auto point = ParseDataPoint(form.Field("contact"));
  if (!point || !IsContactPoint(*point)) return std::nullopt;
  return point;
}

// A step that cannot be taken (the request moved on, no such contact): said on the page.
Response Refused(const ApiContext& api, unsigned status, const VerifyLink& link,
                 app::Verification& verification, VerifyNotes notes, const std::string& key) {
  notes.problem = Text(api.templates->Strings(link.lang), key);
  return VerifyPage(api, status, link, verification.Show(link.request.id), notes);
}

// After asking for a code: the page with `sent_key`'s notice and the form to type it, or why no
// code went out (429 once a purpose had every code it may have).
Response AfterSending(const ApiContext& api, const VerifyLink& link,
                      app::Verification& verification, const Result<app::IssuedCode>& sent,
                      VerifyNotes notes, const std::string& sent_key) {
  if (!sent) {
    const bool exhausted = sent.error().code() == ErrorCode::kResourceExhausted;
    if (StatusFor(sent.error().code()) >= 500) {
      spdlog::error("verification code: {}", sent.error().message());
    }
    return Refused(api, exhausted ? 429 : StatusFor(sent.error().code()), link, verification, {},
                   exhausted ? "verify_codes_exhausted" : "verify_cannot_send");
  }
  notes.sent =
      Filled(Text(api.templates->Strings(link.lang), sent_key), "{minutes}", CodeMinutes());
  return VerifyPage(api, 200, link, verification.Show(link.request.id), notes);
}

// After a typed code: back to the page (303) when accepted, else the page with the reason and
// the form again (a malformed entry, which counts no attempt, says so).
Response AfterChecking(const ApiContext& api, const VerifyLink& link,
                       app::Verification& verification,
                       const Result<app::CodeConfirmation>& checked, VerifyNotes notes) {
  if (!checked && checked.error().code() == ErrorCode::kInvalidArgument) {
    return Refused(api, 422, link, verification, notes, "code_malformed");
  }
  if (!checked) return VerifyPage(api, 200, link, std::unexpected(checked.error()), notes);
  if (checked->verdict.outcome == CodeOutcome::kAccepted) {
    return html::RedirectResponse(link.path());
  }
  notes.problem =
      CodeRefusalText(api.templates->Strings(link.lang), checked->verdict, "verify_code_");
  if (checked->verdict.codes_left == 0 && checked->verdict.outcome != CodeOutcome::kWrong) {
    notes.code_for.reset();  // no new code can come: the form would only mislead
  }
  return VerifyPage(api, 422, link, checked->view, notes);
}

Response SendCode(const ApiContext& api, const Request& request, const Call& call) {
  auto form = OpenPosted(api, request, call);
  if (!form) return std::move(form.error());
  PortalVerification verification(api);
  auto contact = ContactField(*form);
  if (!contact || api.codes == nullptr) {
    return Refused(api, 422, form->link, *verification, {}, "verify_cannot_send");
  }
  auto sent = verification->SendCode(form->link.request.id, *contact, *api.codes, "consumer");
  return AfterSending(api, form->link, *verification, sent, {.code_for = contact},
                      "verify_code_sent_" + std::string(Name(*contact)));
}

Response ConfirmCode(const ApiContext& api, const Request& request, const Call& call) {
  auto form = OpenPosted(api, request, call);
  if (!form) return std::move(form.error());
  PortalVerification verification(api);
  auto contact = ContactField(*form);
  if (!contact || api.codes == nullptr) {
    return Refused(api, 422, form->link, *verification, {}, "verify_cannot_send");
  }
  auto checked = verification->ConfirmCode(form->link.request.id, *contact, form->Field("code"),
                                           *api.codes, "consumer");
  return AfterChecking(api, form->link, *verification, checked, {.code_for = contact});
}

Response Declare(const ApiContext& api, const Request& request, const Call& call) {
  auto form = OpenPosted(api, request, call);
  if (!form) return std::move(form.error());
  PortalVerification verification(api);
  if (form->Field("agree") != "yes") {
    return Refused(api, 422, form->link, *verification, {}, "verify_agree_required");
  }
  auto declared = verification->Declare(
      form->link.request.id, {.full_name = form->Field("full_name"), .ip = call.peer}, "consumer");
  if (!declared && declared.error().code() == ErrorCode::kInvalidArgument) {
    return Refused(api, 422, form->link, *verification, {}, "verify_name_required");
  }
  if (!declared) return VerifyPage(api, 200, form->link, declared, {});
  return html::RedirectResponse(form->link.path());
}

Response SendConsentCode(const ApiContext& api, const Request& request, const Call& call) {
  auto form = OpenPosted(api, request, call);
  if (!form) return std::move(form.error());
  PortalVerification verification(api);
  if (api.codes == nullptr) {
    return Refused(api, 503, form->link, *verification, {}, "verify_cannot_send");
  }
  auto sent = verification->SendAgentConsentCode(form->link.request.id, *api.codes, "consumer");
  return AfterSending(api, form->link, *verification, sent, {.consent_form = true},
                      "verify_consent_sent");
}

Response ConfirmConsent(const ApiContext& api, const Request& request, const Call& call) {
  auto form = OpenPosted(api, request, call);
  if (!form) return std::move(form.error());
  PortalVerification verification(api);
  if (api.codes == nullptr) {
    return Refused(api, 503, form->link, *verification, {}, "verify_cannot_send");
  }
  auto checked = verification->ConfirmAgent(form->link.request.id, form->Field("code"), *api.codes,
                                            "consumer");
  return AfterChecking(api, form->link, *verification, checked, {.consent_form = true});
}

Response NotAuthorized(const ApiContext& api, const Request& request, const Call& call) {
  auto form = OpenPosted(api, request, call);
  if (!form) return std::move(form.error());
  PortalVerification verification(api);
  auto denied = verification->RepudiateAgent(form->link.request.id, "consumer");
  if (!denied) return Refused(api, 409, form->link, *verification, {}, "verify_cannot_refuse");
  return html::RedirectResponse(form->link.path());
}

// A document as a multipart/form-data form: the agent's upload of the consumer's signed
// permission (`power_of_attorney=yes` when it is one), or the consumer's copy of an identity
// document (`document=identity`), for a reviewer.
struct PortalDocumentKind {
  std::string_view kind;
  std::string_view actor;
};
PortalDocumentKind PortalDocumentKindOf(const QueryParams& chosen) {
  if (auto it = chosen.find("document"); it != chosen.end() && it->second == "identity") {
    return {app::kIdentityDocument, "consumer"};
  }
  if (chosen.contains("power_of_attorney")) return {app::kPowerOfAttorney, "agent"};
  return {app::kAgentPermission, "agent"};
}

Response UploadDocument(const ApiContext& api, const Request& request, const Call& call) {
  if (!console::SameOrigin(request)) {
    return VerifyMessage(api, 403, "en", "error_title", "verify_cross_site", {});
  }
  auto upload =
      messaging::ParseFormData(View(request[beast_http::field::content_type]), request.body());
  const QueryParams chosen =
      upload ? QueryParams(upload->fields.begin(), upload->fields.end()) : QueryParams{};
  auto link = OpenLink(api, request, call, chosen);
  if (!link) return std::move(link.error());
  PortalVerification verification(api);
  if (!upload || upload->files.empty()) {
    return Refused(api, 422, *link, *verification, {}, "verify_document_missing");
  }
  const messaging::FormFile& file = upload->files.front();
  const PortalDocumentKind kind = PortalDocumentKindOf(chosen);
  auto added = verification->AddDocument(link->request.id,
                                         {.kind = std::string(kind.kind),
                                          .filename = file.filename,
                                          .content_type = file.content_type,
                                          .bytes = file.bytes},
                                         kind.actor);
  if (!added && added.error().code() == ErrorCode::kInvalidArgument) {
    return Refused(api, 422, *link, *verification, {}, "verify_document_invalid");
  }
  if (!added) return VerifyPage(api, 200, *link, added, {});
  return html::RedirectResponse(link->path());
}

// The company's login, once the consumer signed in, posts the account token it issued (§7061)
// here, as `account_token`, from its own origin: unlike the page's other forms this one is taken
// cross-site, because the signed token, not the origin, is what proves the consumer; a forged post
// without one only records a refusal. Accepted, the consumer lands on the page (303); refused,
// the page says so with 401 and offers the other steps.
Response PostAccountToken(const ApiContext& api, const Request& request, const Call& call) {
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::move(fields.error());
  auto link = OpenLink(api, request, call, *fields);
  if (!link) return std::move(link.error());
  PortalVerification verification(api);
  if (api.account_token_keys == nullptr) {
    return Refused(api, 404, *link, *verification, {}, "verify_account_refused");
  }
  verification->AcceptAccountTokens(*api.account_token_keys, api.account_token_settings);
  const auto token = fields->find("account_token");
  auto passed = verification->Reauthenticate(
      link->request.id, token == fields->end() ? std::string_view() : token->second, "consumer");
  if (passed) return html::RedirectResponse(link->path());
  const ErrorCode code = passed.error().code();
  if (code == ErrorCode::kInvalidArgument || code == ErrorCode::kUnauthenticated) {
    return Refused(api, 401, *link, *verification, {}, "verify_account_refused");
  }
  if (code == ErrorCode::kFailedPrecondition) {
    return Refused(api, 409, *link, *verification, {}, "verify_account_refused");
  }
  return VerifyPage(api, 200, *link, std::unexpected(passed.error()), {});
}

}  // namespace

bool IsProofUploadTarget(std::string_view target) {
  return target.starts_with("/privacy/status/") && target.ends_with("/verify/document");
}

void AddVerificationRoutes(Router& router, const ApiContext& api) {
  constexpr std::string_view kBase = "/privacy/status/{id}/{token}/verify";
  auto route = [&router, &api, kBase](Verb verb, std::string_view suffix, auto handler) {
    router.Add(verb, std::string(kBase) + std::string(suffix),
               [&api, handler](const Request& request, const Call& call) {
                 return handler(api, request, call);
               });
  };
  route(Verb::get, "", ShowVerify);
  route(Verb::post, "/code", SendCode);
  route(Verb::post, "/confirm", ConfirmCode);
  route(Verb::post, "/declare", Declare);
  route(Verb::post, "/consent-code", SendConsentCode);
  route(Verb::post, "/consent", ConfirmConsent);
  route(Verb::post, "/not-authorized", NotAuthorized);
  route(Verb::post, "/document", UploadDocument);
  route(Verb::post, "/account", PostAccountToken);
}

}  // namespace rightsdesk::http::portal
