#include "http/metrics.h"

#include <fmt/format.h>

namespace rightsdesk::http {

void Metrics::RecordResponse(const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mu_);
  ++responses_[{route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::RecordIntake() {
  std::lock_guard lock(mu_);
  ++intakes_;
}

std::string Metrics::Render(const std::vector<store::RequestCount>& counts) const {
  std::string out;
  out += "# HELP rightsdesk_requests Requests in the ledger by status and type.\n";
  out += "# TYPE rightsdesk_requests gauge\n";
  for (const store::RequestCount& c : counts) {
    out += fmt::format("rightsdesk_requests{{status=\"{}\",type=\"{}\"}} {}\n", Name(c.status),
                       Name(c.type), c.count);
  }
  std::lock_guard lock(mu_);
  out += "# HELP rightsdesk_intakes_total Requests taken in through the API by this process.\n";
  out += "# TYPE rightsdesk_intakes_total counter\n";
  out += fmt::format("rightsdesk_intakes_total {}\n", intakes_);
  out += "# HELP rightsdesk_http_responses_total HTTP responses by route pattern and status.\n";
  out += "# TYPE rightsdesk_http_responses_total counter\n";
  for (const auto& [key, n] : responses_) {
    out += fmt::format("rightsdesk_http_responses_total{{route=\"{}\",status=\"{}\"}} {}\n",
                       key.first, key.second, n);
  }
  out += "# HELP rightsdesk_http_request_duration_seconds Time to answer an HTTP request.\n";
  out += "# TYPE rightsdesk_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    out += fmt::format("rightsdesk_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[i], bucket_counts_[i]);
  }
  out += fmt::format("rightsdesk_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                     latency_count_);
  out += fmt::format("rightsdesk_http_request_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("rightsdesk_http_request_duration_seconds_count {}\n", latency_count_);
  return out;
}

}  // namespace rightsdesk::http
