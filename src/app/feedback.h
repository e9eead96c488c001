// The consumer's feedback after closing (issue 7 item 4, docs/feedback.md).
//
// - When a request closes (any closed status but a duplicate), the change that closes it gets a
//   survey link: in the closing message the consumer receives anyway ("status_update",
//   "verification_failed"), else in a "feedback_invite" message of its own. The link
//   "/privacy/feedback/{id}/{token}" carries a fresh secret of its own purpose ("rdf_"); only its
//   hash is kept. The consumer's status link opens the same survey.
// - One answer per request: a score of 1 to 5 and an optional comment; the answer is an audit
//   event ("feedback.answered") with the score and never the comment.
// - The report: counts and average score by request type, channel and stage (the request's
//   final status), the recent answers, and the recurring complaints of low scores.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/feedback.h"
#include "core/request.h"
#include "store/feedback_store.h"

namespace rightsdesk::app {

// The survey page of a link: "/privacy/feedback/{id}/{token}".
std::string SurveyPath(std::string_view request_id, std::string_view token);

// Adds the survey link to `change` when it closes `before` and services.feedback is set: keeps
// the hash of a fresh secret, then puts the secret in the change's closing message to the
// consumer, or queues a "feedback_invite". A store error is returned; the caller decides
// whether the close goes on without a survey.
Result<void> InviteFeedbackOnClose(const Services& services, const Request& before,
                                   RequestChange& change);

// The request behind a survey link. kNotFound for every wrong link alike (unknown id, no link
// sent, wrong or malformed token); the secret is compared in constant time.
Result<Request> FindBySurveyLink(const Services& services, std::string_view id,
                                 std::string_view token);

// Records the consumer's answer. kInvalidArgument (/score, /comment) for a bad answer,
// kFailedPrecondition when the request is not closed (or was a duplicate), kAlreadyExists when it
// was answered before, kUnavailable when feedback is not set up.
Result<void> AnswerFeedback(const Services& services, const Request& request, int score,
                            std::string_view comment);

// Whether the request was answered; false when feedback is not set up.
Result<bool> FeedbackAnswered(const Services& services, std::string_view request_id);

struct FeedbackReport {
  FeedbackSummary summary;
  std::vector<store::FeedbackAnswer> recent;  // newest first
};

// Over every answer kept (at most `max_answers`, newest first): the summary, with the `recent`
// newest answers. kUnavailable when feedback is not set up.
Result<FeedbackReport> BuildFeedbackReport(const Services& services, std::size_t recent,
                                           std::size_t max_answers = 100000);

// The report as the API answers it (docs/openapi.json, FeedbackReport).
nlohmann::json FeedbackJson(const FeedbackReport& report);

// An average score as the CSV and the console show it: two decimals ("3.67").
std::string FeedbackAverageText(double average);

// The report's tables as CSV: one row per group ("dimension,key,answers,low,average_score"),
// then the complaint terms ("complaint,term,count,,"). No comment: they are personal data.
std::string FeedbackCsv(const FeedbackReport& report);

}  // namespace rightsdesk::app
