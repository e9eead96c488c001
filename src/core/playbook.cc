#include "core/playbook.h"

#include <algorithm>

namespace rightsdesk {
namespace {

// The step a staff tick names, when the event is one.
std::optional<std::string> TickedStep(const AuditEvent& event) {
  if (event.action != kPlaybookStepDone && event.action != kPlaybookStepReopened) {
    return std::nullopt;
  }
  auto details = nlohmann::json::parse(event.details, nullptr, false);
  if (!details.is_object()) return std::nullopt;
  auto step = details.find("step");
  if (step == details.end() || !step->is_string()) return std::nullopt;
  return step->get<std::string>();
}

StepProgress ProvedProgress(const PlaybookStep& step, std::span<const AuditEvent> events) {
  StepProgress progress{.step = &step};
  for (const AuditEvent& event : events) {
    bool proves = std::any_of(step.done_when.begin(), step.done_when.end(),
                              [&](const EventMatch& m) { return m.Matches(event); });
    if (proves) {
      progress = {.step = &step, .done = true, .by = event.actor, .at = event.at};
      break;
    }
  }
  return progress;
}

StepProgress ManualProgress(const PlaybookStep& step, std::span<const AuditEvent> events) {
  StepProgress progress{.step = &step};
  for (const AuditEvent& event : events) {
    auto ticked = TickedStep(event);
    if (!ticked || *ticked != step.id) continue;
    if (event.action == kPlaybookStepDone) {
      progress = {.step = &step, .done = true, .by = event.actor, .at = event.at};
    } else {
      progress = {.step = &step};
    }
  }
  return progress;
}

}  // namespace

bool EventMatch::Matches(const AuditEvent& event) const {
  if (event.action != action) return false;
  if (details.empty()) return true;
  auto parsed = nlohmann::json::parse(event.details, nullptr, false);
  if (!parsed.is_object()) return false;
  for (const auto& [key, value] : details) {
    auto found = parsed.find(key);
    if (found == parsed.end()) return false;
    // A flag or a number is written as text in the playbook ("true", "3").
    std::string held = found->is_string() ? found->get<std::string>() : found->dump();
    if (held != value) return false;
  }
  return true;
}

const PlaybookStep* Playbook::Find(std::string_view step_id) const {
  for (const PlaybookStep& step : steps) {
    if (step.id == step_id) return &step;
  }
  return nullptr;
}

std::vector<StepProgress> PlaybookProgress(const Playbook& playbook,
                                           std::span<const AuditEvent> events) {
  std::vector<StepProgress> out;
  out.reserve(playbook.steps.size());
  for (const PlaybookStep& step : playbook.steps) {
    out.push_back(step.manual() ? ManualProgress(step, events) : ProvedProgress(step, events));
  }
  return out;
}

void Playbooks::Put(Playbook playbook) {
  RequestType type = playbook.type;
  by_type_.insert_or_assign(type, std::move(playbook));
}

const Playbook* Playbooks::For(RequestType type) const {
  auto it = by_type_.find(type);
  return it == by_type_.end() ? nullptr : &it->second;
}

Result<std::optional<RequestChange>> TickPlaybookStep(const Request& request,
                                                      const Playbook& playbook,
                                                      std::span<const AuditEvent> events,
                                                      std::string_view step_id, bool done,
                                                      std::string_view actor, Instant now) {
  const PlaybookStep* step = playbook.Find(step_id);
  if (step == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                "the playbook has no step '" + std::string(step_id) + "'", "/step");
  }
  if (!step->manual()) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + step->title + "' is ticked by the work itself, not by hand", "/step");
  }
  if (IsTerminal(request.status)) {
    return Fail(ErrorCode::kFailedPrecondition,
                "cannot change the checklist of " + request.reference + ": it is closed");
  }
  if (ManualProgress(*step, events).done == done) return std::optional<RequestChange>();
  RequestChange change{.after = request, .expected_version = request.version};
  change.after.updated_at = now;
  change.events.push_back({.request_id = request.id,
                           .actor = std::string(actor),
                           .action = std::string(done ? kPlaybookStepDone : kPlaybookStepReopened),
                           .at = now,
                           .details = PlaybookTickDetails(step->id)});
  return std::optional<RequestChange>(std::move(change));
}

nlohmann::json PlaybookTickDetails(std::string_view step_id) {
  return {{"step", std::string(step_id)}};
}

bool IsPlaybookStepId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace rightsdesk
