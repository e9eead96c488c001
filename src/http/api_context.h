// What the handlers need: the use cases' services, the stores behind the staff endpoints and the
// pages, the limits and the metrics.
// Everything referenced must outlive the router.
#pragma once

#include "app/fulfilment_desk.h"
#include "app/services.h"
#include "app/verification.h"
#include "core/audit_chain.h"
#include "core/playbook.h"
#include "core/training.h"
#include "http/html/templates.h"
#include "http/metrics.h"
#include "security/rate_limiter.h"
#include "store/audit_trail.h"
#include "store/code_store.h"
#include "store/correction_store.h"
#include "store/inbox_store.h"
#include "store/preference_store.h"
#include "store/task_attachment_store.h"
#include "store/token_store.h"
#include "store/training_store.h"
#include "store/user_store.h"
#include "store/verification_store.h"

namespace rightsdesk::http {

struct ApiContext {
  app::Services services;
  store::TokenStore& tokens;
  store::AuditTrail& trail;
  PublicKey public_key{};
  // Limit intakes per client address, per consumer email and per agent email; null: no limit
  // (tests of other things).
  security::RateLimiter* intake_limiter = nullptr;
  security::RateLimiter* email_limiter = nullptr;
  security::RateLimiter* agent_limiter = nullptr;
  // Counts intakes and serves GET /metrics; null: no metrics.
  Metrics* metrics = nullptr;
  // The web pages (privacy center, console) need all three; null: the pages are not served.
  const html::Templates* templates = nullptr;
  store::PreferenceStore* preferences = nullptr;
  store::UserStore* users = nullptr;
  // Email intake's messages (a request's correspondence, the triage queue) and the classifier's
  // corrections (triage decisions teach it); null: the console shows neither.
  store::InboxStore* inbox = nullptr;
  store::CorrectionStore* corrections = nullptr;
  // One-time codes (the access package's download pages); null: those pages answer 503.
  store::CodeStore* codes = nullptr;
  // The console's fulfilment work (data map, connectors, certificates) and manual tasks'
  // attachments; null: the console shows the records but cannot do the work.
  const app::FulfilmentDesk* desk = nullptr;
  store::TaskAttachmentStore* attachments = nullptr;
  // Signed declarations (a request's verification, in the API and on the console); null: the
  // verification endpoint answers 503 and the console leaves its section out.
  store::VerificationStore* verification = nullptr;
  // The installation's [verification] and [sms] choices (app/verification.h).
  app::VerificationOptions verification_options{};
  // The keys of the company's login and what its account tokens must say
  // ([verification.account_token]); null: the consumer's page takes no account token.
  const security::AccountTokenKeys* account_token_keys = nullptr;
  config::AccountTokenConfig account_token_settings{};
  // The request page's checklists (core/playbook.h); null: the page shows none.
  const Playbooks* playbooks = nullptr;
  // The training workspace (app/training.h): its scenarios and attempts; either null: the
  // console's Training pages answer 404.
  const ScenarioLibrary* scenarios = nullptr;
  store::TrainingStore* training = nullptr;
};

}  // namespace rightsdesk::http
