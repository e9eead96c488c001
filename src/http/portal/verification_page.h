// The privacy center's identity-confirmation page, behind the request's secret status link
// (docs/web.md, docs/verification.md): the consumer confirms their email (and phone, when an SMS
// gateway is set up) with a one-time code and, where the level asks for it, signs the declaration
// under penalty of perjury. Their confirmation starts the match against the company's records;
// the request passes as soon as the policy is satisfied (app/verification.h).
//
//   GET  /privacy/status/{id}/{token}/verify            where verification stands, what to do
//   POST /privacy/status/{id}/{token}/verify/code       sends a code (contact=email|phone)
//   POST /privacy/status/{id}/{token}/verify/confirm    checks a typed code (contact, code)
//   POST /privacy/status/{id}/{token}/verify/declare    signs (full_name, agree=yes)
// and, for a request an authorized agent made (§7063):
//   POST .../verify/document        the agent uploads the consumer's signed permission, or a
//                                   power of attorney (multipart: permission, power_of_attorney)
//   POST .../verify/consent-code    sends the consumer (at their own email) a code
//   POST .../verify/consent         the consumer types it: they gave the agent permission
//   POST .../verify/not-authorized  the consumer says they did not: the request is denied
//
// The page never says which details matched the records, or which did not: that would teach an
// impostor which of a victim's details are right. It says what the consumer did, and whether the
// request is confirmed or waits for the team. No JavaScript; every value escaped.
#pragma once

#include "http/api_context.h"
#include "http/router.h"

namespace rightsdesk::http::portal {

// Whether a target is the proof upload, whose body may be up to 11 MB (the server's limit for
// other routes is far lower).
bool IsProofUploadTarget(std::string_view target);

// Adds the routes above. `api` must outlive the router.
void AddVerificationRoutes(Router& router, const ApiContext& api);

}  // namespace rightsdesk::http::portal
