#include "cli/request_text.h"

#include <fmt/format.h>

namespace rightsdesk::cli {
namespace {

std::string DueNote(const Request& r, Instant now) {
  if (IsTerminal(r.status)) return "closed";
  return r.IsOverdue(now) ? "OVERDUE" : "";
}

std::string OrDash(const std::optional<Date>& date) { return date ? FormatDate(*date) : "-"; }

// "medium (35: verification_failed)"; "low (0)" when nothing raised it.
std::string RiskText(const RiskAssessment& risk) {
  std::string text = fmt::format("{} ({}", Name(risk.level), risk.score);
  for (std::size_t i = 0; i < risk.reasons.size(); ++i) {
    text += (i == 0 ? ": " : ", ") + risk.reasons[i];
  }
  return text + ")";
}

}  // namespace

std::string RequestSummaryLine(const Request& r, Instant now) {
  std::string line = fmt::format("{} {} {}, respond by {} ({})", r.reference, Name(r.type),
                                 Name(r.status), FormatDate(r.DueDate()), r.jurisdiction);
  if (r.IsOverdue(now)) line += " OVERDUE";
  return line;
}

std::string RequestTableHeader() {
  return fmt::format("{:<14} {:<10} {:<20} {:<8} {:<12} {:<7} {}", "REFERENCE", "TYPE", "STATUS",
                     "PRIORITY", "DUE", "JURIS", "NOTE");
}

std::string RequestTableRow(const Request& r, Instant now) {
  return fmt::format("{:<14} {:<10} {:<20} {:<8} {:<12} {:<7} {}", r.reference, Name(r.type),
                     Name(r.status), Name(r.priority), FormatDate(r.DueDate()), r.jurisdiction,
                     DueNote(r, now));
}

std::string RequestDetails(const RequestDetailsView& view, Instant now) {
  const Request& r = view.request;
  std::string out;
  auto field = [&out](std::string_view label, std::string_view value) {
    if (!value.empty()) out += fmt::format("{:<20} {}\n", label, value);
  };
  field("Reference", r.reference);
  field("Id", r.id);
  field("Type", Name(r.type));
  field("Status", Name(r.status));
  field("Duplicate of", view.duplicate_of);
  field("Risk", RiskText(view.risk));
  std::string priority(Name(r.priority));
  for (std::size_t i = 0; i < r.priority_reasons.size(); ++i) {
    priority += (i == 0 ? " (" : "; ") + r.priority_reasons[i];
  }
  if (!r.priority_reasons.empty()) priority += ")";
  field("Priority", priority);
  field("Channel", Name(r.channel));
  field("Jurisdiction", r.jurisdiction);
  field("Language", r.language);
  field("Email", r.subject.email);
  field("Name", r.subject.name);
  field("Phone", r.subject.phone);
  field("Address", r.subject.address);
  field("Account id", r.subject.account_id);
  field("Received", FormatInstant(r.received_at) + " (day 0: " + FormatDate(r.received_on) + ")");
  field("Acknowledge by", OrDash(r.deadlines.acknowledge_by));
  field("Respond by", FormatDate(r.deadlines.respond_by));
  field("Extended to", r.extended ? OrDash(r.deadlines.extended_respond_by) : "-");
  field("Due", FormatDate(r.DueDate()) + (r.IsOverdue(now) ? " OVERDUE" : ""));
  field("Assignee", r.assignee);
  field("Message", r.message);
  out += "\nEvents:\n";
  for (const AuditEvent& e : view.events) {
    out += fmt::format("  #{:<6} {}  {:<22} {:<16} {}\n", e.seq, FormatInstant(e.at), e.action,
                       e.actor, e.details);
  }
  return out;
}

}  // namespace rightsdesk::cli
