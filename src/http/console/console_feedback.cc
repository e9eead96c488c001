// The console's Feedback page (docs/feedback.md): the consumers' survey answers by request type,
// by channel and by stage (the request's final status), the recurring complaints of low scores,
// and the recent answers with their comments (escaped, as every value a consumer typed).
#include <cstdio>

#include "app/feedback.h"
#include "http/console/console.h"
#include "http/html/page_response.h"
#include "http/responses.h"

namespace rightsdesk::http::console {
namespace {

using nlohmann::json;

constexpr std::size_t kRecentFeedback = 50;

json ConsoleFeedbackRows(const std::vector<FeedbackGroup>& groups) {
  json rows = json::array();
  for (const FeedbackGroup& g : groups) {
    rows.push_back(
        {{"key", g.key},
         {"answers", g.answers},
         {"low", g.low},
         {"average", g.answers == 0 ? std::string("—") : app::FeedbackAverageText(g.average)}});
  }
  return rows;
}

json RecentFeedbackRows(const std::vector<store::FeedbackAnswer>& answers) {
  json rows = json::array();
  for (const store::FeedbackAnswer& a : answers) {
    rows.push_back({{"reference", a.reference},
                    {"type", Name(a.type)},
                    {"channel", Name(a.channel)},
                    {"stage", Name(a.status)},
                    {"score", std::to_string(a.score)},
                    {"comment", a.comment},
                    {"erased", a.comment_erased},
                    {"answered_at", FormatInstant(a.answered_at).substr(0, 16)}});
  }
  return rows;
}

}  // namespace

Response FeedbackPage(const ApiContext& api, const Request& request, std::string_view form) {
  auto staff = RequireStaff(api, request, Permission::kReadRequests);
  if (!staff) return std::move(staff.error());
  auto report = app::BuildFeedbackReport(api.services, kRecentFeedback);
  if (!report) return ProblemFor(report.error());
  if (form == "csv") {
    return html::DownloadResponse(app::FeedbackCsv(*report), "text/csv; charset=utf-8",
                                  "feedback.csv");
  }
  const FeedbackSummary& s = report->summary;
  json context = BaseContext(api, "Feedback", &*staff);
  context["answers"] = std::to_string(s.answers);
  context["average"] = s.answers == 0 ? std::string("—") : app::FeedbackAverageText(s.average);
  context["tables"] = json::array({
      {{"caption", "By request type"},
       {"dimension", "Request type"},
       {"id", "type"},
       {"rows", ConsoleFeedbackRows(s.by_type)}},
      {{"caption", "By channel"},
       {"dimension", "Channel"},
       {"id", "channel"},
       {"rows", ConsoleFeedbackRows(s.by_channel)}},
      {{"caption", "By stage (the request's final status)"},
       {"dimension", "Final status"},
       {"id", "stage"},
       {"rows", ConsoleFeedbackRows(s.by_stage)}},
  });
  json complaints = json::array();
  for (const TermCount& term : s.complaints) {
    complaints.push_back({{"term", term.term}, {"count", std::to_string(term.count)}});
  }
  context["complaints"] = std::move(complaints);
  context["has_complaints"] = !s.complaints.empty();
  context["recent"] = RecentFeedbackRows(report->recent);
  context["has_recent"] = !report->recent.empty();
  return Page(api, 200, "console_feedback", context);
}

}  // namespace rightsdesk::http::console
