#include "core/metrics.h"

#include <algorithm>
#include <iterator>
#include <numeric>

#include "core/denial_basis.h"

namespace rightsdesk {
namespace {

constexpr double kMicrosPerDay = 86'400'000'000.0;

std::size_t GroupOf(const RequestOutcome& o) {
  switch (o.type) {
    case RequestType::kAccess:
    case RequestType::kCategories:
      return 0;
    case RequestType::kDelete:
      return 1;
    case RequestType::kCorrect:
      return 2;
    case RequestType::kOptOut:
      return o.channel == Channel::kGpc ? 4 : 3;
    case RequestType::kLimit:
      return 5;
  }
  return 0;
}

double Median(std::vector<std::int64_t>& values) {
  const std::size_t mid = values.size() / 2;
  std::ranges::nth_element(values, values.begin() + static_cast<std::ptrdiff_t>(mid));
  const double upper = static_cast<double>(values[mid]);
  if (values.size() % 2 == 1) return upper;
  // The lower middle is the largest of the values before `mid` (nth_element partitioned them).
  const double lower = static_cast<double>(
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid)));
  return (lower + upper) / 2;
}

}  // namespace

MetricsAccumulator::MetricsAccumulator() : response_micros_(std::size(kMetricsGroups)) {
  for (const char* name : kMetricsGroups) groups_.push_back({.group = name});
}

void MetricsAccumulator::Add(const RequestOutcome& o) {
  const std::size_t g = GroupOf(o);
  GroupMetrics& m = groups_[g];
  // A duplicate is the same request received twice: the open request it is linked to counts,
  // once; the duplicate only in its own column.
  if (o.status == Status::kClosedDuplicate) {
    ++m.duplicates;
    return;
  }
  ++m.received;
  bool responded = true;
  if (auto basis = DenialBasisOf(o.status, o.denial_basis)) {
    switch (*basis) {
      case DenialBasis::kUnverifiable:
        ++m.denied_unverifiable;
        break;
      case DenialBasis::kNotAConsumer:
        ++m.denied_not_a_consumer;
        break;
      case DenialBasis::kExempt:
        ++m.denied_exempt;
        break;
      case DenialBasis::kOther:
        ++m.denied_other;
        break;
    }
  } else {
    switch (o.status) {
      case Status::kCompleted:
        ++m.complied;
        break;
      case Status::kWithdrawn:
        ++m.withdrawn;
        responded = false;
        break;
      default:
        ++m.open;
        responded = false;
        break;
    }
  }
  if (responded && o.closed_micros) {
    response_micros_[g].push_back(std::max<std::int64_t>(0, *o.closed_micros - o.received_micros));
  }
}

MetricsReport MetricsAccumulator::Finish(int year) {
  MetricsReport report{.year = year};
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    GroupMetrics m = groups_[g];
    std::vector<std::int64_t>& micros = response_micros_[g];
    m.responded = static_cast<std::int64_t>(micros.size());
    if (!micros.empty()) {
      const double sum = std::accumulate(micros.begin(), micros.end(), 0.0,
                                         [](double a, std::int64_t b) { return a + double(b); });
      m.mean_days = sum / static_cast<double>(micros.size()) / kMicrosPerDay;
      m.median_days = Median(micros) / kMicrosPerDay;
    }
    report.groups.push_back(std::move(m));
  }
  return report;
}

}  // namespace rightsdesk
