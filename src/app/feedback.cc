#include "app/feedback.h"

#include <cstdio>
#include <sstream>

#include "app/intake.h"
#include "security/api_token.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

constexpr std::size_t kComplaintTerms = 15;

// The messages that close a request and go to the consumer: the survey link rides along.
bool IsClosingMessage(const NoticeDraft& notice) {
  return (notice.kind == "status_update" || notice.kind == "verification_failed") &&
         !notice.params.contains("to");
}

json FeedbackGroupsJson(const std::vector<FeedbackGroup>& groups) {
  json out = json::array();
  for (const FeedbackGroup& g : groups) {
    out.push_back({{"key", g.key},
                   {"answers", g.answers},
                   {"low", g.low},
                   {"average_score", g.answers == 0 ? json(nullptr) : json(g.average)}});
  }
  return out;
}

}  // namespace

std::string FeedbackAverageText(double average) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", average);
  return text;
}

std::string SurveyPath(std::string_view request_id, std::string_view token) {
  return "/privacy/feedback/" + std::string(request_id) + "/" + std::string(token);
}

Result<void> InviteFeedbackOnClose(const Services& services, const Request& before,
                                   RequestChange& change) {
  if (services.feedback == nullptr || IsTerminal(before.status) ||
      !InvitesFeedback(change.after.status) || change.after.subject.email.empty()) {
    return {};
  }
  const std::string secret = security::NewFeedbackTokenSecret(services.random);
  if (auto kept = services.feedback->RecordInvite(before.id, security::HashToken(secret),
                                                  services.clock.Now());
      !kept) {
    return std::unexpected(kept.error().WithContext("sending the survey of " + before.reference));
  }
  for (NoticeDraft& notice : change.notices) {
    if (IsClosingMessage(notice)) {
      notice.params["feedback_token"] = secret;
      return {};
    }
  }
  change.notices.push_back(
      {.request_id = before.id, .kind = "feedback_invite", .params = {{"feedback_token", secret}}});
  return {};
}

Result<Request> FindBySurveyLink(const Services& services, std::string_view id,
                                 std::string_view token) {
  auto not_found = [] { return Fail(ErrorCode::kNotFound, "no request has this survey link"); };
  if (services.feedback == nullptr ||
      !security::LooksLikeToken(token, security::kFeedbackTokenPrefix)) {
    return not_found();
  }
  auto invite = services.feedback->InviteOf(id);
  if (!invite) return std::unexpected(invite.error());
  if (!*invite || !security::SameHash(**invite, security::HashToken(token))) return not_found();
  auto request = services.requests.FindById(id);
  if (!request && request.error().code() == ErrorCode::kNotFound) return not_found();
  return request;
}

Result<void> AnswerFeedback(const Services& services, const Request& request, int score,
                            std::string_view comment) {
  if (services.feedback == nullptr) {
    return Fail(ErrorCode::kUnavailable, "feedback is not set up");
  }
  auto cleaned = CheckFeedback(score, comment);
  if (!cleaned) return std::unexpected(cleaned.error());
  if (!InvitesFeedback(request.status)) {
    return Fail(ErrorCode::kFailedPrecondition,
                request.reference + " is not closed: its survey opens when it closes");
  }
  // The score is no personal data; the comment is, and stays out of the trail.
  AuditEventDraft answered{.request_id = request.id,
                           .actor = "consumer",
                           .action = "feedback.answered",
                           .at = services.clock.Now(),
                           .details = {{"score", score}, {"commented", !cleaned->empty()}}};
  return services.feedback->RecordAnswer(request.id, score, *cleaned, services.clock.Now(),
                                         answered);
}

Result<bool> FeedbackAnswered(const Services& services, std::string_view request_id) {
  if (services.feedback == nullptr) return false;
  return services.feedback->HasAnswer(request_id);
}

Result<FeedbackReport> BuildFeedbackReport(const Services& services, std::size_t recent,
                                           std::size_t max_answers) {
  if (services.feedback == nullptr) {
    return Fail(ErrorCode::kUnavailable, "feedback is not set up");
  }
  auto answers = services.feedback->Answers(max_answers);
  if (!answers) return std::unexpected(answers.error());
  std::vector<FeedbackEntry> entries;
  entries.reserve(answers->size());
  for (const store::FeedbackAnswer& a : *answers) {
    entries.push_back({.type = a.type,
                       .channel = a.channel,
                       .stage = a.status,
                       .score = a.score,
                       .comment = a.comment});
  }
  FeedbackReport report{.summary = SummarizeFeedback(entries, kComplaintTerms)};
  if (answers->size() > recent) answers->resize(recent);
  report.recent = std::move(*answers);
  return report;
}

json FeedbackJson(const FeedbackReport& report) {
  const FeedbackSummary& s = report.summary;
  json complaints = json::array();
  for (const TermCount& term : s.complaints) {
    complaints.push_back({{"term", term.term}, {"count", term.count}});
  }
  json recent = json::array();
  for (const store::FeedbackAnswer& a : report.recent) {
    recent.push_back({{"reference", a.reference},
                      {"type", Name(a.type)},
                      {"channel", Name(a.channel)},
                      {"stage", Name(a.status)},
                      {"score", a.score},
                      {"comment", a.comment.empty() ? json(nullptr) : json(a.comment)},
                      {"answered_at", FormatInstant(a.answered_at)}});
  }
  return {{"answers", s.answers},
          {"average_score", s.answers == 0 ? json(nullptr) : json(s.average)},
          {"by_type", FeedbackGroupsJson(s.by_type)},
          {"by_channel", FeedbackGroupsJson(s.by_channel)},
          {"by_stage", FeedbackGroupsJson(s.by_stage)},
          {"complaints", std::move(complaints)},
          {"recent", std::move(recent)}};
}

std::string FeedbackCsv(const FeedbackReport& report) {
  std::ostringstream out;
  out << "dimension,key,answers,low,average_score\n";
  auto rows = [&](const char* dimension, const std::vector<FeedbackGroup>& groups) {
    for (const FeedbackGroup& g : groups) {
      out << dimension << ',' << g.key << ',' << g.answers << ',' << g.low << ','
          << (g.answers == 0 ? std::string() : FeedbackAverageText(g.average)) << '\n';
    }
  };
  rows("type", report.summary.by_type);
  rows("channel", report.summary.by_channel);
  rows("stage", report.summary.by_stage);
  // Terms are letters and digits only (core/feedback.h): nothing to quote.
  for (const TermCount& term : report.summary.complaints) {
    out << "complaint," << term.term << ',' << term.count << ",,\n";
  }
  return out.str();
}

}  // namespace rightsdesk::app
