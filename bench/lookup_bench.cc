// Issue 5's goal (b): finding one consumer across 5 SQL systems holding 10 million rows in total,
// under 100 ms. Five SQLite databases, each with customers and their orders (2 million rows
// apiece by default), are mapped like a company would map them — emails searched through an
// index on lower(email), orders reached through an index on customer_id — and one consumer is
// searched as `rightsdesk fulfil search` searches (app::SearchSystems: every system at once, a
// fresh connection each, the links followed). The baseline in the same run is the least any
// search must do: the same indexed SELECTs on already-open connections, one system after another.
//
// usage: rightsdesk_lookup_bench [--rows N] [--repeats N] [--smoke] [--dir DIR]
//   --rows: rows per system (default 2,000,000: 60% customers, 40% orders); the databases are
//   generated into DIR once and reused.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/fulfilment.h"
#include "bench_sqlite.h"
#include "bench_stats.h"
#include "config/datamap_loader.h"
#include "connectors/open_source.h"
#include "platform/system_clock.h"

namespace rightsdesk::bench {
namespace {

constexpr int kSystems = 5;
constexpr const char* kConsumer = "ana.nunez@example.com";

struct Options {
  int rows = 2'000'000;
  int repeats = 50;
  std::filesystem::path dir = ".";
};

// Customers with realistic fields and their orders; the consumer is customer `rows / 3` (in the
// middle of the table, with mixed case as people type it) and has 3 orders.
void Generate(const std::filesystem::path& path, int rows, int system) {
  const std::filesystem::path partial = path.string() + ".partial";
  std::filesystem::remove(partial);
  sqlite3* db = nullptr;
  if (sqlite3_open(partial.c_str(), &db) != SQLITE_OK) Die("cannot create " + partial.string());
  Exec(db,
       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
       "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, first_name TEXT,"
       " last_name TEXT, phone TEXT, city TEXT, created_at TEXT);"
       "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, total REAL,"
       " placed_at TEXT); BEGIN");
  const int customers = rows * 3 / 5;
  const int orders = rows - customers;
  std::mt19937_64 rng(static_cast<std::uint64_t>(1000 + system));
  sqlite3_stmt* customer = Prepare(db, "INSERT INTO customers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (int i = 1; i <= customers; ++i) {
    const std::string email = i == customers / 3 ? "Ana.Nunez@Example.com"
                                                 : "user" + std::to_string(rng() % 100'000'000) +
                                                       "." + std::to_string(i) + "@mail.example";
    const std::string phone = "+1 (555) " + std::to_string(1'000'000 + rng() % 9'000'000);
    sqlite3_bind_int64(customer, 1, i);
    sqlite3_bind_text(customer, 2, email.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(customer, 3, "Given", -1, SQLITE_STATIC);
    sqlite3_bind_text(customer, 4, "Family", -1, SQLITE_STATIC);
    sqlite3_bind_text(customer, 5, phone.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(customer, 6, "Springfield", -1, SQLITE_STATIC);
    sqlite3_bind_text(customer, 7, "2024-05-01 10:00:00", -1, SQLITE_STATIC);
    if (sqlite3_step(customer) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(customer);
  }
  sqlite3_finalize(customer);
  sqlite3_stmt* order = Prepare(db, "INSERT INTO orders VALUES (?1, ?2, ?3, '2025-01-01')");
  for (int i = 1; i <= orders; ++i) {
    int owner = 1 + static_cast<int>(rng() % static_cast<std::uint64_t>(customers));
    if (i <= 3) {
      owner = customers / 3;  // the consumer's own three orders
    } else if (owner == customers / 3) {
      ++owner;  // and no others
    }
    sqlite3_bind_int64(order, 1, i);
    sqlite3_bind_int64(order, 2, owner);
    sqlite3_bind_double(order, 3, static_cast<double>(rng() % 10'000) / 100.0);
    if (sqlite3_step(order) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(order);
  }
  sqlite3_finalize(order);
  Exec(db,
       "COMMIT; CREATE INDEX customers_email ON customers (lower(email));"
       "CREATE INDEX orders_customer ON orders (customer_id);");
  sqlite3_close(db);
  std::filesystem::rename(partial, path);
}

std::string DataMapText(int rows) {
  std::string text;
  for (int s = 1; s <= kSystems; ++s) {
    text += "[[system]]\nname = \"shop" + std::to_string(s) + "\"\nconnector = \"sqlite\"\n" +
            "path = \"shop" + std::to_string(s) + "-" + std::to_string(rows) + ".sqlite\"\n" +
            R"(purposes = ["Selling"]
sources = ["The consumer"]
retention = "3 years"
  [[system.table]]
  name = "customers"
  key = "id"
  identity = { email = "email", phone = "phone" }
  fields = [
    { column = "id", category = "identifiers" },
    { column = "email", category = "identifiers", erase = "hash" },
    { column = "first_name", category = "identifiers", erase = "redact" },
    { column = "last_name", category = "identifiers", erase = "redact" },
    { column = "phone", category = "customer_records", erase = "null" },
    { column = "city", category = "identifiers", erase = "null" },
    { column = "created_at", category = "commercial", erase = "null" },
  ]
  [[system.table]]
  name = "orders"
  key = "id"
  link = { parent = "customers", column = "customer_id", parent_column = "id" }
  erase = "delete_row"
  fields = [
    { column = "id", category = "commercial" },
    { column = "customer_id", category = "identifiers" },
    { column = "total", category = "commercial" },
    { column = "placed_at", category = "commercial" },
  ]
)";
  }
  return text;
}

// The baseline: the two indexed SELECTs per system on connections opened beforehand.
double BareSelects(const std::vector<sqlite3*>& dbs) {
  const auto start = std::chrono::steady_clock::now();
  for (sqlite3* db : dbs) {
    sqlite3_stmt* customer = Prepare(db, "SELECT * FROM customers WHERE lower(email) = ?1");
    sqlite3_bind_text(customer, 1, kConsumer, -1, SQLITE_STATIC);
    std::int64_t id = 0;
    while (sqlite3_step(customer) == SQLITE_ROW) id = sqlite3_column_int64(customer, 0);
    sqlite3_finalize(customer);
    sqlite3_stmt* orders = Prepare(db, "SELECT * FROM orders WHERE customer_id = ?1");
    sqlite3_bind_int64(orders, 1, id);
    int found = 0;
    while (sqlite3_step(orders) == SQLITE_ROW) ++found;
    sqlite3_finalize(orders);
    if (id == 0 || found < 3) Die("the baseline did not find the consumer");
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--rows") {
      options.rows = std::atoi(value().c_str());
    } else if (arg == "--repeats") {
      options.repeats = std::atoi(value().c_str());
    } else if (arg == "--dir") {
      options.dir = value();
    } else if (arg == "--smoke") {
      options.rows = 20'000;
      options.repeats = 5;
    } else {
      Die("unknown option " + arg);
    }
  }
  if (options.rows < 100 || options.repeats < 1) Die("--rows >= 100 and --repeats >= 1");
  return options;
}

}  // namespace
}  // namespace rightsdesk::bench

int main(int argc, char** argv) {
  rightsdesk::bench::bench_name = "lookup bench";
  using namespace rightsdesk;
  using namespace rightsdesk::bench;
  const Options options = Parse(argc, argv);
  std::filesystem::create_directories(options.dir);
  const auto generate_start = std::chrono::steady_clock::now();
  std::vector<sqlite3*> dbs;
  for (int s = 1; s <= kSystems; ++s) {
    const auto path =
        options.dir / ("shop" + std::to_string(s) + "-" + std::to_string(options.rows) + ".sqlite");
    if (!std::filesystem::exists(path)) Generate(path, options.rows, s);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      Die("cannot open " + path.string());
    }
    dbs.push_back(db);
  }
  auto map = config::LoadDataMap(DataMapText(options.rows), "bench datamap", options.dir);
  if (!map) Die(map.error().message());
  std::printf(
      "lookup: %d systems x %d rows = %d rows (ready in %.1f s); %d runs each\n", kSystems,
      options.rows, kSystems * options.rows,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - generate_start).count(),
      options.repeats);
  platform::SystemClock clock;
  const app::SourceOpener open = [&clock](const SystemMap& system) {
    return connectors::OpenDataSource(system, clock);
  };
  std::vector<double> search_times, baseline_times;
  for (int r = 0; r < options.repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    auto searches = app::SearchSystems(*map, {.email = kConsumer}, open, {});
    search_times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (const auto& search : searches) {
      if (search.error) Die(search.system + ": " + search.error->message());
      if (search.findings->RowCount() != 4) Die(search.system + ": did not find 1 + 3 rows");
    }
    baseline_times.push_back(BareSelects(dbs));
  }
  for (sqlite3* db : dbs) sqlite3_close(db);
  const double search = Median(search_times) * 1000, baseline = Median(baseline_times) * 1000;
  std::printf(
      "  search across the systems: median %.2f ms (goal < 100 ms)\n"
      "  bare indexed SELECTs, connections already open, one system after another: median %.2f "
      "ms\n  ratio %.1fx\n",
      search, baseline, search / baseline);
  return 0;
}
