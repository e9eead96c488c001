#include "app/preferences.h"

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

}  // namespace rightsdesk::app
