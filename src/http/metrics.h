// Process metrics for GET /metrics (Prometheus text format 0.0.4): HTTP responses by route
// pattern and status, request latency as a histogram, intakes taken in. Labels are route patterns
// and status codes only, so the number of series stays small and nothing personal appears.
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "store/request_store.h"

namespace rightsdesk::http {

class Metrics {
 public:
  void RecordResponse(const std::string& route, unsigned status, double seconds);
  void RecordIntake();

  // The exposition text; `counts` are the ledger's requests by status and type.
  std::string Render(const std::vector<store::RequestCount>& counts) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  0.5,  1.0};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> responses_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::uint64_t intakes_ = 0;
};

}  // namespace rightsdesk::http
