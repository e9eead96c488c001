// Searching record files for consumers: the files connector (connectors::FileDataSource, a
// Hyperscan prefilter over the raw bytes, then the matching records parsed and their identity
// columns compared) against ripgrep with the same identifiers as fixed strings (`rg -F -f
// patterns.txt`, output to /dev/null), on the same files in the same run. Synthetic customers
// (seeded, realistic fields: accents, quoted addresses with commas, notes with quotes) in CSV and
// JSON lines, 4 files each, with 10 consumers planted at random positions — 1 to 3 records each,
// found by email, by phone written another way, and by account id — and decoy records that
// mention a consumer's email only in their notes (ripgrep prints them; the connector must not
// find them). The files are generated once per size in --dir and reused. Every run checks that
// exactly the planted records were found. Prints the median of the runs (interleaved with
// ripgrep's, warm page cache) in MB/s and the ratio (bench/README.md).
//
// usage: rightsdesk_file_scan_bench [--dir DIR] [--mb N] [--repeats N] [--smoke]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "bench_stats.h"
#include "connectors/file_source.h"
#include "platform/system_clock.h"

namespace rightsdesk::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kSeed = 20261126;
constexpr int kParts = 4;
constexpr int kConsumers = 10;
constexpr const char* kPlantedDomain = "privacy-bench.example";

struct Options {
  int mb = 1024;  // in total: half CSV, half JSON lines
  int repeats = 3;
  fs::path dir = ".";
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "file scan bench: %s\n", what.c_str());
  std::exit(1);
}

// A consumer as the files hold them and as the request gives them.
struct Consumer {
  std::string email;         // in the files
  std::string phone_filed;   // in the files: "+1 (555) 010-0003"
  std::string phone_asked;   // in the request: "1-555-010-0003"
  std::string account_id;    // "C990000003"
  SubjectIdentifiers asked;  // email upper-cased for half of them: case must not matter
};

std::vector<Consumer> Consumers() {
  const char* names[] = {"maria.gonzalez", "wei.zhang",  "olivia.smith", "jose.garcia",
                         "aisha.khan",     "liam.brown", "sofia.rossi",  "noah.muller",
                         "emma.dubois",    "yuki.tanaka"};
  std::vector<Consumer> consumers;
  for (int i = 0; i < kConsumers; ++i) {
    char phone_filed[32], phone_asked[32], account[16];
    std::snprintf(phone_filed, sizeof phone_filed, "+1 (555) 010-%04d", i);
    std::snprintf(phone_asked, sizeof phone_asked, "1-555-010-%04d", i);
    std::snprintf(account, sizeof account, "C99000000%d", i);
    Consumer c{.email = std::string(names[i]) + "@" + kPlantedDomain,
               .phone_filed = phone_filed,
               .phone_asked = phone_asked,
               .account_id = account,
               .asked = {}};
    std::string asked_email = c.email;
    if (i % 2)
      std::transform(asked_email.begin(), asked_email.end(), asked_email.begin(), ::toupper);
    // Each consumer is searched by all three; each planted record holds all three.
    c.asked = {.email = asked_email, .phone = c.phone_asked, .account_id = c.account_id};
    consumers.push_back(std::move(c));
  }
  return consumers;
}

// Where the planted records go: at byte offsets of the format's whole output, 1-3 per consumer,
// and 2 decoys per consumer. Derived from the seed alone, so a reused data set has the same.
struct Plant {
  std::uint64_t at;
  int consumer;
  bool decoy;
};

std::vector<Plant> Plants(std::uint64_t bytes, std::uint64_t salt) {
  std::mt19937_64 rng(kSeed ^ salt);
  std::vector<Plant> plants;
  for (int c = 0; c < kConsumers; ++c) {
    const int records = 1 + static_cast<int>(rng() % 3);
    for (int r = 0; r < records + 2; ++r) {
      plants.push_back({.at = rng() % (bytes * 9 / 10), .consumer = c, .decoy = r >= records});
    }
  }
  std::sort(plants.begin(), plants.end(), [](auto& a, auto& b) { return a.at < b.at; });
  return plants;
}

std::map<int, int> PlantedCounts(const std::vector<Plant>& plants) {
  std::map<int, int> counts;
  for (const auto& plant : plants) counts[plant.consumer] += plant.decoy ? 0 : 1;
  return counts;
}

// One synthetic customer: the fields as text, in the column order of kColumns.
constexpr const char* kColumns[] = {
    "customer_id", "first_name",     "last_name",        "email",   "phone",      "street",
    "city",        "state",          "postal_code",      "country", "birth_date", "signup_at",
    "plan",        "lifetime_value", "marketing_opt_in", "notes"};
constexpr int kColumnCount = sizeof kColumns / sizeof kColumns[0];
using Customer = std::array<std::string, kColumnCount>;

class CustomerMaker {
 public:
  explicit CustomerMaker(std::uint64_t salt) : rng_(kSeed + salt) {}

  Customer Random() {
    static const char* first[] = {"José",  "Zoë",  "Björn", "Åsa",   "François",  "Luís",  "Mónica",
                                  "James", "Mary", "Wei",   "Priya", "Oluwaseun", "Chloé", "Ana"};
    static const char* first_ascii[] = {"jose",  "zoe",       "bjorn", "asa",  "francois",
                                        "luis",  "monica",    "james", "mary", "wei",
                                        "priya", "oluwaseun", "chloe", "ana"};
    static const char* last[] = {"García",    "Müller", "Nguyen", "O'Brien", "Smith", "Kowalski",
                                 "Johansson", "Silva",  "Dubois", "Rossi",   "Patel", "Kim"};
    static const char* last_ascii[] = {"garcia", "muller",   "nguyen",    "obrien",
                                       "smith",  "kowalski", "johansson", "silva",
                                       "dubois", "rossi",    "patel",     "kim"};
    static const char* domains[] = {"gmail.com", "yahoo.com",    "outlook.com", "icloud.com",
                                    "proton.me", "fastmail.com", "example.org"};
    static const char* cities[][3] = {{"San Francisco", "CA", "United States"},
                                      {"Los Angeles", "CA", "United States"},
                                      {"Austin", "TX", "United States"},
                                      {"Montréal", "QC", "Canada"},
                                      {"São Paulo", "SP", "Brazil"},
                                      {"Zürich", "ZH", "Switzerland"}};
    const std::size_t f = Pick(14), l = Pick(12);
    const auto& city = cities[Pick(6)];
    Customer c;
    c[0] = "C" + std::to_string(100'000'000 + next_id_++);
    c[1] = first[f];
    c[2] = last[l];
    c[3] = std::string(first_ascii[f]) + "." + last_ascii[l] + std::to_string(Pick(10000)) + "@" +
           domains[Pick(7)];
    c[4] = Phone();
    c[5] = std::to_string(1 + Pick(9999)) + " " + (Pick(2) ? "Market St" : "Rue Sainte-Catherine") +
           (Pick(3) == 0 ? ", Apt " + std::to_string(1 + Pick(400)) : "");
    c[6] = city[0];
    c[7] = city[1];
    c[8] = std::to_string(10000 + Pick(89999));
    c[9] = city[2];
    c[10] = Date(1940, 60);
    c[11] = Date(2015, 10) + "T" + std::to_string(10 + Pick(14)) + ":" +
            std::to_string(10 + Pick(50)) + ":00Z";
    c[12] = Pick(3) == 0 ? "premium" : "free";
    c[13] = std::to_string(Pick(5000)) + "." + std::to_string(10 + Pick(90));
    c[14] = Pick(2) ? "true" : "false";
    c[15] = Pick(5) == 0 ? "Called about order #" + std::to_string(Pick(99999)) +
                               ", said \"thanks, all good\""
                         : "";
    return c;
  }

  // The consumer's first record holds their account id; later ones are other accounts under the
  // same email and phone (records are told apart by their key).
  Customer Planted(const Consumer& consumer) {
    Customer c = Random();
    if (planted_.insert(consumer.account_id).second) c[0] = consumer.account_id;
    c[3] = consumer.email;
    c[4] = consumer.phone_filed;
    return c;
  }

  Customer Decoy(const Consumer& consumer) {
    Customer c = Random();
    c[15] = "Forwarded by " + consumer.email + ", see the other account";
    return c;
  }

 private:
  std::size_t Pick(std::size_t n) { return rng_() % n; }

  // Random numbers, never in area code 555 (the planted consumers'), in three ways of writing.
  std::string Phone() {
    char text[32];
    const auto area = 200 + Pick(350), exchange = 200 + Pick(800), line = Pick(10000);
    const char* formats[] = {"+1 (%03zu) %03zu-%04zu", "%03zu.%03zu.%04zu", "+1 %03zu %03zu %04zu"};
    std::snprintf(text, sizeof text, formats[Pick(3)], area, exchange, line);
    return text;
  }

  std::string Date(std::size_t from_year, std::size_t years) {
    char text[16];
    std::snprintf(text, sizeof text, "%04zu-%02zu-%02zu", from_year + Pick(years), 1 + Pick(12),
                  1 + Pick(28));
    return text;
  }

  std::mt19937_64 rng_;
  std::uint64_t next_id_ = 0;
  std::set<std::string> planted_;
};

// --- writing the files ---

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string CsvLine(const Customer& c) {
  std::string line;
  for (int i = 0; i < kColumnCount; ++i)
    line += (i ? "," : "") + CsvField(c[static_cast<std::size_t>(i)]);
  return line + "\n";
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Numbers and booleans as JSON types, empty notes as null.
std::string JsonLine(const Customer& c) {
  std::string line = "{";
  for (int i = 0; i < kColumnCount; ++i) {
    const std::string& value = c[static_cast<std::size_t>(i)];
    const std::string name = kColumns[i];
    std::string json = JsonString(value);
    if (name == "lifetime_value" || name == "marketing_opt_in") json = value;
    if (name == "notes" && value.empty()) json = "null";
    line += (i ? ", " : "") + JsonString(name) + ": " + json;
  }
  return line + "}\n";
}

// `bytes` of records in kParts files, the planted and decoy records at their offsets.
void WriteFormat(const fs::path& dir, bool csv, std::uint64_t bytes,
                 const std::vector<Consumer>& consumers, const std::vector<Plant>& plants) {
  CustomerMaker maker(csv ? 1 : 2);
  std::string header;
  if (csv) {
    for (int i = 0; i < kColumnCount; ++i) header += (i ? "," : "") + std::string(kColumns[i]);
    header += "\n";
  }
  std::uint64_t written = 0;
  std::size_t next_plant = 0;
  for (int part = 0; part < kParts; ++part) {
    const fs::path path = dir / ("part-" + std::to_string(part) + (csv ? ".csv" : ".jsonl"));
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) Die("cannot write " + path.string());
    std::fputs(header.c_str(), out);
    const std::uint64_t part_end = bytes * static_cast<std::uint64_t>(part + 1) / kParts;
    while (written < part_end) {
      Customer customer = maker.Random();
      if (next_plant < plants.size() && plants[next_plant].at <= written) {
        const Plant& plant = plants[next_plant++];
        const Consumer& consumer = consumers[static_cast<std::size_t>(plant.consumer)];
        customer = plant.decoy ? maker.Decoy(consumer) : maker.Planted(consumer);
      }
      const std::string line = csv ? CsvLine(customer) : JsonLine(customer);
      std::fwrite(line.data(), 1, line.size(), out);
      written += line.size();
    }
    if (std::fclose(out) != 0) Die("cannot write " + path.string());
  }
}

// The data set for `mb`, generated unless a complete one is there.
fs::path DataSet(const Options& options, const std::vector<Consumer>& consumers) {
  const fs::path dir = options.dir / ("rightsdesk-file-scan-" + std::to_string(options.mb) + "mb");
  const std::string stamp = "seed " + std::to_string(kSeed) + " v2\n";
  std::ifstream complete(dir / "complete");
  std::string seen((std::istreambuf_iterator<char>(complete)), std::istreambuf_iterator<char>());
  if (seen == stamp) return dir;
  fs::remove_all(dir);
  fs::create_directories(dir / "csv");
  fs::create_directories(dir / "jsonl");
  const std::uint64_t half = std::uint64_t(options.mb) << 19;
  const auto start = std::chrono::steady_clock::now();
  WriteFormat(dir / "csv", true, half, consumers, Plants(half, 1));
  WriteFormat(dir / "jsonl", false, half, consumers, Plants(half, 2));
  std::ofstream(dir / "complete") << stamp;
  std::printf("generated %d MB in %.1f s\n", options.mb,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return dir;
}

// --- measuring ---

SystemMap FilesSystem(const std::string& format, const fs::path& dir) {
  TableMap table{.name = "customers",
                 .key = "customer_id",
                 .identity = {{IdentityKind::kEmail, "email"},
                              {IdentityKind::kPhone, "phone"},
                              {IdentityKind::kAccountId, "customer_id"}},
                 .erasure = RowErasure::kUpdate};
  for (const char* column : {"customer_id", "first_name", "last_name", "email", "phone", "street",
                             "city", "postal_code", "birth_date"}) {
    table.fields.push_back({.column = column});
  }
  return SystemMap{.name = "crm_" + format,
                   .connector = {.kind = ConnectorSettings::Kind::kFiles,
                                 .path = (dir / format / ("part-*." + format)).string(),
                                 .format = format},
                   .tables = {table}};
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One pass for all consumers; the results must be exactly the planted records (every one holds
// the consumer's email, so searching without phones finds them too).
double TimeConnector(connectors::FileDataSource& source, const std::vector<Consumer>& consumers,
                     const std::map<int, int>& planted, bool phones = true) {
  std::vector<SubjectIdentifiers> asked;
  for (const auto& consumer : consumers) {
    asked.push_back(consumer.asked);
    if (!phones) asked.back().phone.clear();
  }
  const auto start = std::chrono::steady_clock::now();
  auto found = source.DiscoverMany(asked);
  const double seconds = Since(start);
  if (!found) Die(found.error().message());
  for (int c = 0; c < kConsumers; ++c) {
    const auto count = static_cast<int>((*found)[static_cast<std::size_t>(c)].RowCount());
    if (count != planted.at(c)) {
      Die("consumer " + std::to_string(c) + ": found " + std::to_string(count) + " records, " +
          std::to_string(planted.at(c)) + " were planted");
    }
  }
  return seconds;
}

double TimeRipgrep(const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const double seconds = Since(start);
  if (status != 0) Die("ripgrep failed or found nothing: " + command);
  return seconds;
}

std::string RipgrepCommand(const fs::path& dir, const std::string& format,
                           const std::vector<Consumer>& consumers) {
  const fs::path patterns = dir / "patterns.txt";
  std::ofstream out(patterns);
  for (const auto& c : consumers)
    out << c.email << "\n" << c.phone_filed << "\n" << c.account_id << "\n";
  std::string command = "rg -F -f '" + patterns.string() + "'";
  for (int part = 0; part < kParts; ++part) {
    command +=
        " '" + (dir / format / ("part-" + std::to_string(part) + "." + format)).string() + "'";
  }
  return command + " > /dev/null";
}

std::uint64_t Bytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(dir)) bytes += entry.file_size();
  return bytes;
}

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--mb") {
      options.mb = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--repeats") {
      options.repeats = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--dir") {
      options.dir = value();
    } else if (arg == "--smoke") {
      options.mb = 4;
      options.repeats = 1;
    } else {
      Die("unknown option " + arg);
    }
  }
  return options;
}

struct Figures {
  std::vector<double> connector, ripgrep;
};

void Report(const std::string& format, std::uint64_t bytes, const Figures& figures, bool rg) {
  const double mb = static_cast<double>(bytes) / 1e6;
  const double ours = mb / Median(figures.connector);
  if (!rg) {
    std::printf("  median %-5s connector %6.0f MB/s (ripgrep not installed)\n", format.c_str(),
                ours);
    return;
  }
  const double theirs = mb / Median(figures.ripgrep);
  std::printf("  median %-5s connector %6.0f MB/s   ripgrep %6.0f MB/s   ratio %.2fx\n",
              format.c_str(), ours, theirs, ours / theirs);
}

}  // namespace
}  // namespace rightsdesk::bench

int main(int argc, char** argv) {
  using namespace rightsdesk;
  using namespace rightsdesk::bench;
  const Options options = Parse(argc, argv);
  const auto consumers = Consumers();
  const fs::path dir = DataSet(options, consumers);
  const bool rg = std::system("command -v rg > /dev/null 2>&1") == 0;
  platform::SystemClock clock;
  std::map<std::string, Figures> figures;
  std::map<std::string, std::uint64_t> bytes;
  std::vector<double> single, without_phones;
  std::printf("file scan: %d MB (csv and jsonl, %d files each) in %s, %d consumers, %d runs\n",
              options.mb, kParts, dir.c_str(), kConsumers, options.repeats);
  for (int run = 0; run <= options.repeats; ++run) {  // run 0 warms the page cache, untimed
    for (const std::string format : {"csv", "jsonl"}) {
      const SystemMap system = FilesSystem(format, dir);
      auto source = connectors::FileDataSource::Open(system, clock);
      if (!source) Die(source.error().message());
      const auto planted =
          PlantedCounts(Plants(std::uint64_t(options.mb) << 19, format == "csv" ? 1 : 2));
      const double ours = TimeConnector(**source, consumers, planted);
      const double theirs = rg ? TimeRipgrep(RipgrepCommand(dir, format, consumers)) : 0;
      bytes[format] = Bytes(dir / format);
      if (run == 0) continue;
      figures[format].connector.push_back(ours);
      figures[format].ripgrep.push_back(theirs);
      std::printf("  run %d %-5s connector %.3f s   ripgrep %.3f s\n", run, format.c_str(), ours,
                  theirs);
      if (format == "csv") {  // one consumer per pass, as a single request searches
        const auto start = std::chrono::steady_clock::now();
        if (!(*source)->Discover(consumers[0].asked)) Die("single search failed");
        single.push_back(Since(start));
        // What the exact phone prefilter (digits with anything between) costs.
        without_phones.push_back(TimeConnector(**source, consumers, planted, false));
      }
    }
  }
  for (const auto& [format, measured] : figures) Report(format, bytes[format], measured, rg);
  const double csv_mb = static_cast<double>(bytes["csv"]) / 1e6;
  std::printf("  median csv   connector, one consumer per pass (Discover) %6.0f MB/s\n",
              csv_mb / Median(single));
  std::printf("  median csv   connector, 10 consumers without their phones %6.0f MB/s\n",
              csv_mb / Median(without_phones));
  return 0;
}
