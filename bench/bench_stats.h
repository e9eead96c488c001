// What the benchmarks report over their repeated runs.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace rightsdesk::bench {

inline double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace rightsdesk::bench
