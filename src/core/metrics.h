// The yearly metrics of Cal. Code Regs. tit. 11 §7102 (issue 7), computed from the outcome of
// each request received in the year:
//   - per kind of request: "know" (access and categories together), delete, correct, opt-out
//     (Global Privacy Control signals counted apart from other opt-outs), limit;
//   - how many were received, complied with in whole or in part (completed), and denied, split by
//     basis (core/denial_basis.h): unverifiable (closed because the consumer's identity could not
//     be confirmed, or denied on that basis), not made by a consumer, exempt, and other grounds;
//   - withdrawn and still open, so that every request received is accounted for;
//   - duplicates (closed_duplicate: a repeat of an open request, linked to it at intake) are not
//     received requests: the request they repeat is counted, once, and answers both. They are
//     counted apart so that every submission is still accounted for;
//   - the median and mean days from receipt to the substantive response (completion or denial),
//     as elapsed time (fractional days), over the requests that had one.
// Pure: the store streams outcomes in, any order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.h"
#include "core/denial_basis.h"
#include "core/request_type.h"
#include "core/status.h"

namespace rightsdesk {

struct RequestOutcome {
  RequestType type = RequestType::kAccess;
  Status status = Status::kReceived;
  Channel channel = Channel::kWeb;
  std::int64_t received_micros = 0;
  std::optional<std::int64_t> closed_micros;  // set when the request is closed
  std::optional<DenialBasis> denial_basis;    // as recorded with a denial (Request::denial_basis)
};

struct GroupMetrics {
  std::string group;  // "know", "delete", "correct", "opt_out", "opt_out_gpc", "limit"
  std::int64_t received = 0;
  std::int64_t complied = 0;
  std::int64_t denied_unverifiable = 0;
  std::int64_t denied_not_a_consumer = 0;
  std::int64_t denied_exempt = 0;
  std::int64_t denied_other = 0;
  std::int64_t withdrawn = 0;
  std::int64_t open = 0;
  std::int64_t duplicates = 0;        // not in `received` (see above)
  std::int64_t responded = 0;         // had a substantive response (complied or denied)
  std::optional<double> median_days;  // none when nothing was responded to
  std::optional<double> mean_days;
  std::int64_t denied() const {
    return denied_unverifiable + denied_not_a_consumer + denied_exempt + denied_other;
  }
};

struct MetricsReport {
  int year = 0;
  std::vector<GroupMetrics> groups;  // in the order of kMetricsGroups
};

inline constexpr const char* kMetricsGroups[] = {"know",    "delete",      "correct",
                                                 "opt_out", "opt_out_gpc", "limit"};

class MetricsAccumulator {
 public:
  MetricsAccumulator();
  void Add(const RequestOutcome& outcome);
  MetricsReport Finish(int year);

 private:
  std::vector<GroupMetrics> groups_;
  std::vector<std::vector<std::int64_t>> response_micros_;  // per group
};

}  // namespace rightsdesk
