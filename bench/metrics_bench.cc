// The yearly §7102 metrics report over a million requests (issue 7's goal: under one second).
// The requests are written straight into a fresh installation's database in one transaction (the
// report reads only plain columns, so the sealed ones hold a placeholder), then the report is
// run as `rightsdesk report metrics` runs it (app::YearlyMetrics), several times; the baseline in
// the same run is SQLite alone scanning the same rows (counting them and their closed ones), the
// least any report over them must do. (SQLite's own GROUP BY type, status, channel is slower than
// the report: it sorts.) Then the console's dashboards (app::BuildDashboards, docs/dashboards.md)
// over the last 12 weeks up to 2026-11-26, over the same requests and their status changes (one
// or two "request.transitioned" events each, also written straight in).
//
// usage: rightsdesk_metrics_bench [--requests N] [--repeats N] [--smoke] [--dir DIR]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/dashboards.h"
#include "app/installation.h"
#include "app/metrics_report.h"
#include "bench_sqlite.h"
#include "bench_stats.h"
#include "platform/system_clock.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"

namespace rightsdesk::bench {
namespace {

struct Options {
  int requests = 1'000'000;
  int repeats = 5;
  std::filesystem::path dir = ".";
};

// `n` requests received over 2025 (a tenth) and 2026, of every type, status and channel.
void Populate(const std::filesystem::path& database, int n) {
  sqlite3* db = nullptr;
  if (sqlite3_open(database.c_str(), &db) != SQLITE_OK) Die("cannot open the database");
  Exec(db, "PRAGMA synchronous=OFF; BEGIN");
  sqlite3_stmt* insert = nullptr;
  const char* sql =
      "INSERT INTO requests (id, reference, type, status, channel, priority, jurisdiction,"
      " language, received_at, received_on, respond_by, due_at, subject_sealed, email_index,"
      " version, updated_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, 'low', 'US-CA', 'en', ?6, ?7,"
      " ?7, ?6, x'00', x'00', 1, ?6, ?8)";
  if (sqlite3_prepare_v2(db, sql, -1, &insert, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db));
  // The status changes the dashboards time; the chain's hashes are not the bench's concern.
  sqlite3_stmt* event = nullptr;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO audit_events (request_id, actor, action, at, details,"
                         " prev_hash, hash) VALUES (?1, 'bench', 'request.transitioned', ?2, ?3,"
                         " zeroblob(32), zeroblob(32))",
                         -1, &event, nullptr) != SQLITE_OK) {
    Die(sqlite3_errmsg(db));
  }
  auto transition = [&](const char* id, std::int64_t at, const std::string& from,
                        const std::string& to) {
    const std::string details = R"({"from":")" + from + R"(","reason":"bench","to":")" + to + "\"}";
    sqlite3_bind_text(event, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(event, 2, at);
    sqlite3_bind_text(event, 3, details.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(event) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(event);
  };
  const char* types[] = {"access", "categories", "delete", "correct", "opt_out", "limit"};
  const char* statuses[] = {"completed",         "completed", "completed",   "denied",
                            "closed_unverified", "withdrawn", "in_progress", "received"};
  std::mt19937_64 rng(7102);
  const auto start_2025 = std::chrono::sys_days(std::chrono::year(2025) / 1 / 1);
  for (int i = 0; i < n; ++i) {
    char id[40], reference[24], day[16];
    std::snprintf(id, sizeof id, "bench-%012d", i);
    std::snprintf(reference, sizeof reference, "RD-2026-%07d", i);
    const int day_index = static_cast<int>(i % 10 == 0 ? rng() % 365 : 365 + rng() % 365);
    const auto date = std::chrono::year_month_day(start_2025 + std::chrono::days(day_index));
    std::snprintf(day, sizeof day, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()),
                  unsigned(date.day()));
    const std::int64_t received =
        std::chrono::duration_cast<std::chrono::microseconds>(
            (start_2025 + std::chrono::days(day_index)).time_since_epoch())
            .count() +
        static_cast<std::int64_t>(rng() % 86'400'000'000ULL);
    const char* type = types[rng() % 6];
    const char* status = statuses[rng() % 8];
    const bool gpc = std::string(type) == "opt_out" && rng() % 3 == 0;
    sqlite3_bind_text(insert, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, reference, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 5, gpc ? "gpc" : "web", -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 6, received);
    sqlite3_bind_text(insert, 7, day, -1, SQLITE_TRANSIENT);
    const bool closed = std::string(status) != "in_progress" && std::string(status) != "received";
    const std::int64_t closed_at =
        received + static_cast<std::int64_t>(rng() % (60 * 86'400'000'000ULL));
    if (closed) {
      sqlite3_bind_int64(insert, 8, closed_at);
    } else {
      sqlite3_bind_null(insert, 8);
    }
    if (sqlite3_step(insert) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    if (std::string(status) != "received") {
      const std::int64_t moved =
          received + static_cast<std::int64_t>(rng() % (3 * 86'400'000'000ULL));
      transition(id, moved, "received", "in_progress");
      if (closed) transition(id, std::max(moved, closed_at), "in_progress", status);
    }
  }
  sqlite3_finalize(insert);
  sqlite3_finalize(event);
  Exec(db, "COMMIT");
  // A running installation's log is checkpointed as it goes; one of a million rows written in
  // one transaction is not, and reading through it would measure the log, not the report.
  Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
}

// The dashboards' "now": a fixed day inside the generated data, so that runs compare.
class DashboardsBenchClock final : public Clock {
 public:
  Instant Now() const override { return *ParseInstant("2026-11-26T18:00:00.000000Z"); }
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// SQLite alone: the year's rows scanned and counted.
double Baseline(const std::filesystem::path& database) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    Die("cannot open the database");
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT count(*), count(closed_at) FROM requests WHERE +received_on"
                     " BETWEEN '2026-01-01' AND '2026-12-31'",
                     -1, &stmt, nullptr);
  auto start = std::chrono::steady_clock::now();
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  double seconds = Seconds(start);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return seconds;
}

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--requests") {
      options.requests = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--repeats") {
      options.repeats = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--dir") {
      options.dir = value();
    } else if (arg == "--smoke") {
      options.requests = 20'000;
      options.repeats = 1;
    } else {
      Die("unknown option " + arg);
    }
  }
  return options;
}

}  // namespace
}  // namespace rightsdesk::bench

int main(int argc, char** argv) {
  rightsdesk::bench::bench_name = "metrics bench";
  using namespace rightsdesk;
  using namespace rightsdesk::bench;
  const Options options = Parse(argc, argv);
  platform::SystemClock clock;
  platform::TzTimeZones zones;
  security::SodiumRandom random;
  std::string base = (options.dir / "rightsdesk-metrics-bench-XXXXXX").string();
  if (::mkdtemp(base.data()) == nullptr) Die("mkdtemp failed");
  app::DataDir dir{std::filesystem::path(base) / "data"};
  if (auto init = app::Installation::Init(dir, clock, "bench"); !init) Die(init.error().message());
  auto start = std::chrono::steady_clock::now();
  Populate(dir.database(), options.requests);
  std::printf("metrics report: %d requests written in %.1f s; %d runs each\n", options.requests,
              Seconds(start), options.repeats);
  auto installation = app::Installation::Open(dir, clock);
  if (!installation) Die(installation.error().message());
  app::Services services{(*installation)->ruleset(), (*installation)->requests(), clock, zones,
                         random};
  std::vector<double> report_times, baseline_times;
  std::int64_t counted = 0;
  for (int r = 0; r < options.repeats; ++r) {
    // Interleaved, so that both see the same cache and machine.
    auto began = std::chrono::steady_clock::now();
    auto report = app::YearlyMetrics(services, 2026);
    report_times.push_back(Seconds(began));
    if (!report) Die(report.error().message());
    counted = 0;
    for (const GroupMetrics& g : report->groups) counted += g.received;
    baseline_times.push_back(Baseline(dir.database()));
    std::printf("  run %d: report %.3f s   SQLite scan alone %.3f s\n", r + 1, report_times.back(),
                baseline_times.back());
  }
  const double report = Median(report_times), baseline = Median(baseline_times);
  std::printf(
      "  median: report %.3f s over %lld requests of 2026, SQLite scan alone %.3f s, "
      "ratio %.1fx\n",
      report, static_cast<long long>(counted), baseline, report / baseline);
  DashboardsBenchClock dashboards_clock;
  app::Services at_day{(*installation)->ruleset(), (*installation)->requests(), dashboards_clock,
                       zones, random};
  auto window = app::DashboardWindowFor(at_day, "", "", "");
  if (!window) Die(window.error().message());
  std::vector<double> dashboard_times;
  std::int64_t received = 0, stays = 0;
  for (int r = 0; r < options.repeats; ++r) {
    auto began = std::chrono::steady_clock::now();
    auto dashboards = app::BuildDashboards(at_day, *window);
    dashboard_times.push_back(Seconds(began));
    if (!dashboards) Die(dashboards.error().message());
    received = stays = 0;
    for (const WeekVolume& w : dashboards->volume) received += w.total;
    for (const StageTime& s : dashboards->stages) stays += s.stays;
    std::printf("  run %d: dashboards %.3f s\n", r + 1, dashboard_times.back());
  }
  // Where the time goes: each of the store's two reads alone, nothing counted.
  for (int r = 0; r < std::min(options.repeats, 2); ++r) {
    auto began = std::chrono::steady_clock::now();
    std::int64_t rows = 0, histories = 0;
    auto scanned = (*installation)
                       ->requests()
                       .ForEachDashboardRow(window->from, window->to, window->start, window->end,
                                            [&](const DashboardRow&) { ++rows; });
    const double scan = Seconds(began);
    began = std::chrono::steady_clock::now();
    auto read = (*installation)
                    ->requests()
                    .ForEachStatusHistory(window->from, window->to,
                                          [&](const StatusHistory&) { ++histories; });
    if (!scanned || !read) Die("a dashboards read failed");
    std::printf("  store alone: %lld rows %.3f s, %lld histories %.3f s\n",
                static_cast<long long>(rows), scan, static_cast<long long>(histories),
                Seconds(began));
  }
  std::printf(
      "  median: dashboards (12 weeks) %.3f s: %lld requests received in them, %lld stays\n",
      Median(dashboard_times), static_cast<long long>(received), static_cast<long long>(stays));
  installation->reset();
  std::filesystem::remove_all(base);
  return 0;
}
