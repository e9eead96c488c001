// The consumer's feedback after a request is closed (issue 7 item 4, docs/feedback.md): the rules
// of an answer (a score of 1 to 5 and an optional short comment), which closed requests invite
// one, and the summaries staff read — counts and average score by request type, by channel and by
// stage (the request's final status), and the recurring complaints: the most frequent terms in
// the comments of low scores (1–2), case-folded, with English and Spanish stop-words removed.
// Pure: no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/channel.h"
#include "core/error.h"
#include "core/request_type.h"
#include "core/status.h"

namespace rightsdesk {

inline constexpr int kMinFeedbackScore = 1;
inline constexpr int kMaxFeedbackScore = 5;
// A complaint's score: 1 or 2.
inline constexpr int kLowFeedbackScore = 2;
// The comment's limit, in bytes of UTF-8 (about a short paragraph).
inline constexpr std::size_t kMaxFeedbackCommentBytes = 1000;

// Whether a request in `status` is asked for feedback: every closed status but a duplicate (its
// consumer is answered, and asked, under the request it repeats).
bool InvitesFeedback(Status status);

// Checks an answer. kInvalidArgument pointing at /score (not 1 to 5) or /comment (not valid
// UTF-8, a control character other than a newline or tab, or longer than the limit). Returns
// the comment trimmed.
Result<std::string> CheckFeedback(int score, std::string_view comment);

// One answer as the summaries see it.
struct FeedbackEntry {
  RequestType type = RequestType::kAccess;
  Channel channel = Channel::kWeb;
  Status stage = Status::kCompleted;  // the request's final status
  int score = kMinFeedbackScore;
  std::string comment;  // empty when none was given or it was erased by the retention purge
};

struct FeedbackGroup {
  std::string key;  // a request type, a channel or a status name
  std::int64_t answers = 0;
  std::int64_t low = 0;  // answers scored 1 or 2
  double average = 0;    // mean score, 0 when no answers
};

struct TermCount {
  std::string term;        // a word, or a two-word phrase ("never received")
  std::int64_t count = 0;  // in how many low-score comments the term appears
};

struct FeedbackSummary {
  std::int64_t answers = 0;
  double average = 0;
  std::vector<FeedbackGroup> by_type;     // every request type, in kAllRequestTypes order
  std::vector<FeedbackGroup> by_channel;  // channels with answers, by name
  std::vector<FeedbackGroup> by_stage;    // final statuses with answers, by name
  std::vector<TermCount> complaints;      // most frequent first, then by term
};

// The summary of `entries`; at most `max_terms` complaint terms.
FeedbackSummary SummarizeFeedback(std::span<const FeedbackEntry> entries, std::size_t max_terms);

// The words of `text` as compared: case-folded (ASCII and Latin-1 letters, so "ÁREA" is "área"),
// split on anything that is not a letter or a digit, without English and Spanish stop-words,
// words shorter than 3 letters and numbers.
std::vector<std::string> FeedbackTerms(std::string_view text);

// The two-word phrases of `text`: each pair of terms (as FeedbackTerms keeps them) that stand
// next to each other with no dropped word between them: "the status link expired" gives "status
// link" and "link expired"; in "email was late", "was" is dropped, so there is no phrase.
std::vector<std::string> FeedbackPhrases(std::string_view text);

// The recurring complaints in the comments of answers scored 1 or 2: terms and two-word phrases,
// each counted once per comment and kept when it appears in at least two such comments. A phrase
// is a theme ("status link", "tiempo respuesta"); a word is left out when a kept phrase holding it
// is as frequent, since it says nothing the phrase does not. Most frequent first, phrases before
// words at equal counts, then alphabetical. At most `max_terms`.
std::vector<TermCount> RecurringComplaints(std::span<const FeedbackEntry> entries,
                                           std::size_t max_terms);

}  // namespace rightsdesk
