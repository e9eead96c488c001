// Durable intakes per second: many concurrent submitters, each intake one stored request with
// its audit event and its queued acknowledgment, committed with fsync (synchronous=FULL) before
// the submitter is answered. Compares group commit with one transaction per request in the same
// run, on the same disk. Prints medians over repeats and the ratio (bench/README.md).
//
// usage: rightsdesk_bench [--threads N[,N...]] [--requests N] [--repeats N] [--smoke] [--dir DIR]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/installation.h"
#include "app/intake.h"
#include "bench_stats.h"
#include "platform/system_clock.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"

namespace rightsdesk::bench {
namespace {

struct Options {
  std::vector<int> concurrency = {64, 256};  // submitters; each level is measured separately
  int threads = 64;
  int requests = 20000;
  int repeats = 5;
  std::filesystem::path dir = ".";
};

struct Run {
  double per_second = 0;
  double seconds = 0;
};

// Runs `requests` intakes from `threads` submitters into a fresh installation.
Run Measure(const Options& options, int max_batch, int requests) {
  platform::SystemClock clock;
  platform::TzTimeZones zones;
  char pattern[] = "rightsdesk-bench-XXXXXX";
  std::filesystem::path base = options.dir / pattern;
  std::string base_text = base.string();
  if (::mkdtemp(base_text.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  app::DataDir dir{std::filesystem::path(base_text) / "data"};
  if (auto init = app::Installation::Init(dir, clock, "bench"); !init) {
    std::fprintf(stderr, "bench: %s\n", init.error().message().c_str());
    std::exit(1);
  }
  auto installation = app::Installation::Open(dir, clock, {.group_commit_max_batch = max_batch});
  if (!installation) {
    std::fprintf(stderr, "bench: %s\n", installation.error().message().c_str());
    std::exit(1);
  }
  std::atomic<int> next = 0;
  std::atomic<bool> failed = false;
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&] {
      security::SodiumRandom random;
      app::Services services{(*installation)->ruleset(), (*installation)->requests(), clock, zones,
                             random};
      for (int i; (i = next.fetch_add(1)) < requests;) {
        app::IntakeForm form{.type = i % 3 ? "access" : "delete",
                             .email = "consumer" + std::to_string(i) + "@example.com",
                             .name = "Consumer " + std::to_string(i)};
        if (!app::SubmitRequest(services, form, "bench")) failed = true;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  installation->reset();
  std::filesystem::remove_all(base_text);
  if (failed) {
    std::fprintf(stderr, "bench: an intake failed\n");
    std::exit(1);
  }
  return {requests / seconds, seconds};
}

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--threads") {
      options.concurrency.clear();
      std::string list = value();
      for (std::size_t at = 0; at <= list.size();) {
        std::size_t comma = std::min(list.find(',', at), list.size());
        options.concurrency.push_back(std::max(1, std::atoi(list.substr(at, comma - at).c_str())));
        at = comma + 1;
      }
    } else if (arg == "--requests") {
      options.requests = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--repeats") {
      options.repeats = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--dir") {
      options.dir = value();
    } else if (arg == "--smoke") {
      options.requests = 2000;
      options.repeats = 1;
    } else {
      std::fprintf(stderr, "bench: unknown option %s\n", arg.c_str());
      std::exit(2);
    }
  }
  return options;
}

}  // namespace
}  // namespace rightsdesk::bench

int main(int argc, char** argv) {
  using namespace rightsdesk::bench;
  Options options = Parse(argc, argv);
  // One transaction per request is far slower; it gets fewer requests so the run stays short
  // (its rate does not depend on the count).
  int single_requests = std::max(200, options.requests / 20);
  for (int threads : options.concurrency) {
    options.threads = threads;
    std::printf("durable intakes: %d submitters, %d requests per run, %d runs each\n", threads,
                options.requests, options.repeats);
    std::vector<double> grouped, single;
    for (int r = 0; r < options.repeats; ++r) {
      // Interleaved, so that both see the same disk conditions.
      Run g = Measure(options, 1024, options.requests);
      Run s = Measure(options, 1, single_requests);
      std::printf(
          "  run %d: group commit %9.0f/s (%.2f s)   one txn per request %7.0f/s (%.2f s)\n", r + 1,
          g.per_second, g.seconds, s.per_second, s.seconds);
      grouped.push_back(g.per_second);
      single.push_back(s.per_second);
    }
    double g = Median(grouped), s = Median(single);
    std::printf(
        "  median: group commit %.0f intakes/s, one txn per request %.0f intakes/s, "
        "ratio %.1fx\n",
        g, s, g / s);
  }
  return 0;
}
