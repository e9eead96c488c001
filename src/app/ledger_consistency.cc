#include "app/ledger_consistency.h"

#include <map>
#include <nlohmann/json.hpp>

namespace rightsdesk::app {
namespace {

// What the events say about one request.
struct Told {
  std::string type;
  std::string status = "received";
  bool extended = false;
  std::string basis;  // of the denial, as its transition recorded it ("" when none)
  std::string reference;
  std::int64_t last_seq = 0;
};

class Replayer final : public store::TrailVisitor {
 public:
  void Begin(std::vector<Checkpoint>, std::optional<store::ChainHead>) override {}
  bool Event(const AuditEvent& event) override {
    if (event.request_id.empty()) return true;
    nlohmann::json details = nlohmann::json::parse(event.details, nullptr, false);
    if (!details.is_object()) details = nlohmann::json::object();
    Told& told = requests[event.request_id];
    told.last_seq = event.seq;
    if (event.action == "request.submitted") {
      told.type = details.value("type", "");
      told.reference = details.value("reference", "");
    } else if (event.action == "request.transitioned") {
      told.status = details.value("to", told.status);
      told.basis = details.value("basis", "");
    } else if (event.action == "request.extended") {
      told.extended = true;
    } else if (event.action == "request.type_changed") {  // app/verification.h fallbacks
      told.type = details.value("to", told.type);
    }
    return true;
  }
  std::map<std::string, Told> requests;
};

std::optional<std::string> Compare(const Request& r, const Told& told) {
  auto differs = [&](std::string_view field, std::string_view stored, std::string_view said) {
    return std::string(field) + " is " + std::string(stored) + " but its events (last #" +
           std::to_string(told.last_seq) + ") say " + std::string(said);
  };
  if (told.type != Name(r.type)) return differs("type", Name(r.type), told.type);
  if (told.status != Name(r.status)) return differs("status", Name(r.status), told.status);
  if (told.extended != r.extended) {
    return differs("extended", r.extended ? "yes" : "no", told.extended ? "yes" : "no");
  }
  // A denial's basis is what its transition said (none before bases were recorded).
  const std::string stored_basis = r.denial_basis ? std::string(Name(*r.denial_basis)) : "";
  if (stored_basis != told.basis) {
    return differs("denial basis", stored_basis.empty() ? "none" : stored_basis,
                   told.basis.empty() ? "none" : told.basis);
  }
  return std::nullopt;
}

}  // namespace

Result<ConsistencyReport> CheckLedgerConsistency(const store::RequestStore& requests,
                                                 const store::AuditTrail& trail) {
  Replayer replayer;
  if (auto read = trail.ReadTrail(replayer); !read) return std::unexpected(read.error());
  ConsistencyReport report;
  store::RequestQuery query{.limit = 1000};
  for (;;) {
    auto page = requests.List(query);
    if (!page) return std::unexpected(page.error().WithContext("reading the requests"));
    for (const Request& r : page->requests) {
      ++report.requests;
      auto told = replayer.requests.find(r.id);
      if (told == replayer.requests.end()) {
        report.mismatch = {r.reference, "has no audit events: it was not made by RightsDesk"};
        return report;
      }
      if (auto what = Compare(r, told->second)) {
        report.mismatch = {r.reference, *what};
        return report;
      }
      replayer.requests.erase(told);
    }
    if (!page->next) break;
    query.after = page->next;
  }
  for (const auto& [id, told] : replayer.requests) {
    report.mismatch = {told.reference.empty() ? id : told.reference,
                       "was submitted (events up to #" + std::to_string(told.last_seq) +
                           ") but its stored request is missing"};
    return report;
  }
  return report;
}

}  // namespace rightsdesk::app
