// What the API's handlers need: the use cases' services and the stores behind staff endpoints.
// Everything referenced must outlive the router.
#pragma once

#include "app/services.h"
#include "core/audit_chain.h"
#include "http/metrics.h"
#include "security/rate_limiter.h"
#include "store/audit_trail.h"
#include "store/token_store.h"

namespace rightsdesk::http {

struct ApiContext {
  app::Services services;
  store::TokenStore& tokens;
  store::AuditTrail& trail;
  PublicKey public_key{};
  // Limits intakes per client address; null: no limit (tests of other things).
  security::RateLimiter* intake_limiter = nullptr;
  // Counts intakes and serves GET /metrics; null: no metrics.
  Metrics* metrics = nullptr;
};

}  // namespace rightsdesk::http
