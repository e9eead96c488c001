#include "app/one_time_codes.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

AuditEventDraft CodeEvent(const Services& services, const Request& request, std::string_view actor,
                          std::string_view action, json details) {
  return {.request_id = request.id,
          .actor = std::string(actor),
          .action = std::string(action),
          .at = services.clock.Now(),
          .details = std::move(details)};
}

// The message's parameters: the only place the code is written down, sealed with the message.
json MessageParams(const Request& request, std::string_view code, const CodeMessage& message,
                   const OneTimeCodePolicy& policy) {
  json params = {{"code", std::string(code)},
                 {"language", message.language.empty() ? request.language : message.language},
                 {"expires_minutes", policy.lifetime.count()}};
  if (!message.use.empty()) params["use_" + message.use] = true;
  if (!message.sms_to.empty()) params["sms_to"] = message.sms_to;
  return params;
}

}  // namespace

Result<IssuedCode> IssueCode(const Services& services, store::CodeStore& codes,
                             const Request& request, std::string_view purpose,
                             std::string_view actor, const CodeMessage& message,
                             const OneTimeCodePolicy& policy) {
  if (message.sms_to.empty() && request.subject.email.empty()) {
    return Fail(ErrorCode::kFailedPrecondition,
                request.reference + " has no email address to send a code to");
  }
  const Instant now = services.clock.Now();
  const std::string code = NewOneTimeCode(services.random);
  const store::CodeRecord record{.id = NewTimeOrderedUuid(now, services.random),
                                 .request_id = request.id,
                                 .purpose = std::string(purpose),
                                 .issued_at = now,
                                 .expires_at = now + policy.lifetime};
  json issued = {{"purpose", record.purpose},
                 {"by", message.sms_to.empty() ? "email" : "sms"},
                 {"code_id", record.id},
                 {"expires_at", FormatInstant(record.expires_at)}};
  json refused = {{"purpose", record.purpose},
                  {"reason", Name(CodeOutcome::kTooManyIssued)},
                  {"codes_left", 0}};
  auto stored = codes.IssueCode(
      record, code,
      {.request_id = request.id,
       .kind = std::string(message.sms_to.empty() ? kOneTimeCodeMessage : kOneTimeCodeTextMessage),
       .params = MessageParams(request, code, message, policy)},
      policy, CodeEvent(services, request, actor, "code.issued", std::move(issued)),
      CodeEvent(services, request, actor, "code.refused", std::move(refused)));
  if (!stored) {
    return std::unexpected(stored.error().WithContext("issuing a code for " + request.reference));
  }
  if (!*stored) {
    return Fail(ErrorCode::kResourceExhausted,
                request.reference + " had every code " + record.purpose + " may have");
  }
  return IssuedCode{.id = record.id, .expires_at = record.expires_at};
}

Result<store::CodeVerdict> CheckCode(const Services& services, store::CodeStore& codes,
                                     const Request& request, std::string_view purpose,
                                     std::string_view typed, std::string_view actor,
                                     const OneTimeCodePolicy& policy) {
  auto code = ParseOneTimeCode(typed);
  if (!code) return Fail(ErrorCode::kInvalidArgument, "a code is six digits", "/code");
  auto event_for = [&](const store::CodeVerdict& verdict) {
    json details = {{"purpose", std::string(purpose)}};
    if (!verdict.code_id.empty()) details["code_id"] = verdict.code_id;
    if (verdict.outcome == CodeOutcome::kAccepted) {
      return CodeEvent(services, request, actor, "code.accepted", std::move(details));
    }
    details["reason"] = Name(verdict.outcome);
    details["attempts_left"] = verdict.attempts_left;
    details["codes_left"] = verdict.codes_left;
    return CodeEvent(services, request, actor, "code.refused", std::move(details));
  };
  auto verdict =
      codes.CheckCode(request.id, purpose, *code, services.clock.Now(), policy, event_for);
  if (!verdict) {
    return std::unexpected(verdict.error().WithContext("checking a code for " + request.reference));
  }
  return verdict;
}

}  // namespace rightsdesk::app
