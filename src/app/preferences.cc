#include "app/preferences.h"

#include <algorithm>

#include "app/casework.h"
#include "app/intake.h"

namespace rightsdesk::app {
namespace {

Result<bool> Record(store::PreferenceStore& preferences, store::PreferenceSubject subject,
                    std::string_view key, Instant now) {
  // A browser sends its signal with every page: a read spares the writer a transaction each time.
  auto known = preferences.HasOptOut(subject, key);
  if (!known) return std::unexpected(known.error());
  if (*known) return false;
  bool browser = subject == store::PreferenceSubject::kBrowser;
  AuditEventDraft event{.actor = browser ? "browser" : "consumer",
                        .action = "preference.opt_out_recorded",
                        .at = now,
                        .details = {{"subject", browser ? "browser" : "consumer"},
                                    {"source", "gpc"},
                                    {"scope", "sale_and_sharing"}}};
  return preferences.RecordOptOut(
      {.subject = subject, .key = std::string(key), .source = "gpc", .at = now}, event);
}

}  // namespace

Result<bool> HonorGpc(store::PreferenceStore& preferences, const Clock& clock,
                      std::string_view browser_id, std::string_view email) {
  Instant now = clock.Now();
  auto browser = Record(preferences, store::PreferenceSubject::kBrowser, browser_id, now);
  if (!browser) return std::unexpected(browser.error());
  if (email.empty()) return *browser;
  auto consumer = Record(preferences, store::PreferenceSubject::kConsumer, email, now);
  if (!consumer) return std::unexpected(consumer.error());
  return *browser || *consumer;
}

RecipientNotice NoticeFor(RequestType type) {
  return type == RequestType::kLimit ? RecipientNotice::kLimit : RecipientNotice::kOptOut;
}

namespace {

Result<Request> PreferenceRequest(const Services& services, std::string_view reference) {
  auto request = FindRequest(services, reference);
  if (!request) return request;
  if (request->type != RequestType::kOptOut && request->type != RequestType::kLimit) {
    return Fail(ErrorCode::kFailedPrecondition, request->reference + " is a request to " +
                                                    std::string(Name(request->type)) +
                                                    ", not to opt out or limit");
  }
  if (IsTerminal(request->status)) {
    return Fail(ErrorCode::kFailedPrecondition,
                request->reference + " is already " + std::string(Name(request->status)));
  }
  return request;
}

Result<bool> AlreadyHonored(const Services& services, const Request& request) {
  auto events = services.requests.EventsOf(request.id);
  if (!events) return std::unexpected(events.error());
  return std::ranges::any_of(
      *events, [](const AuditEvent& event) { return event.action == "preference.recorded"; });
}

}  // namespace

Result<HonoredPreference> HonorPreferenceRequest(const Services& services,
                                                 store::PreferenceStore& preferences,
                                                 const DataMap& map, std::string_view reference,
                                                 std::string_view actor) {
  auto request = PreferenceRequest(services, reference);
  if (!request) return std::unexpected(request.error());
  auto honored = AlreadyHonored(services, *request);
  if (!honored) return std::unexpected(honored.error());
  if (*honored) return HonoredPreference{};
  auto scope = request->type == RequestType::kLimit ? store::PreferenceScope::kLimitSensitive
                                                    : store::PreferenceScope::kSaleSharing;
  Instant now = services.clock.Now();
  AuditEventDraft recorded{
      .request_id = request->id,
      .actor = std::string(actor),
      .action = "preference.recorded",
      .at = now,
      .details = {{"subject", "consumer"}, {"source", "request"}, {"scope", store::Name(scope)}}};
  auto added = preferences.RecordOptOut({.subject = store::PreferenceSubject::kConsumer,
                                         .key = request->subject.email,
                                         .scope = scope,
                                         .source = "request",
                                         .at = now},
                                        recorded);
  if (!added) return std::unexpected(added.error());
  if (!*added) {  // on the ledger already (GPC, an earlier request): this request still says so
    recorded.details["already_on_ledger"] = true;
    auto noted = RecordOnRequest(services, request->id, recorded);
    if (!noted) return std::unexpected(noted.error());
  }
  auto told = NotifyRecipients(services, map, *request, NoticeFor(request->type),
                               nlohmann::json::object(), actor);
  if (!told) return std::unexpected(told.error());
  return HonoredPreference{.newly_recorded = *added, .recipients_told = *told};
}

namespace {

bool AnyoneToTellOfOptOut(const DataMap& map) {
  return std::ranges::any_of(map.recipients, [](const Recipient& recipient) {
    return MustBeTold(recipient, RecipientNotice::kOptOut);
  });
}

}  // namespace

Result<std::string> HonorGpcOfConsumer(const Services& services,
                                       store::PreferenceStore& preferences, const DataMap* map,
                                       std::string_view browser_id, std::string_view email) {
  auto known = preferences.HasOptOut(store::PreferenceSubject::kConsumer, email);
  if (!known) return std::unexpected(known.error());
  auto recorded = HonorGpc(preferences, services.clock, browser_id, email);
  if (!recorded) return std::unexpected(recorded.error());
  if (*known || map == nullptr || !AnyoneToTellOfOptOut(*map)) return std::string();
  auto submitted = SubmitRequest(
      services, {.type = "opt_out", .email = std::string(email), .channel = "gpc"}, "browser");
  if (!submitted) {
    return std::unexpected(submitted.error().WithContext("passing a GPC opt-out on"));
  }
  auto honored =
      HonorPreferenceRequest(services, preferences, *map, submitted->request.id, "system");
  if (!honored) return std::unexpected(honored.error().WithContext("passing a GPC opt-out on"));
  return submitted->request.id;
}

}  // namespace rightsdesk::app
