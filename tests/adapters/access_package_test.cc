// The access package end to end, read back as a consumer's programs would: the ZIP's files,
// data.json against its JSON Schema (python3-jsonschema), CSV quoting and the formula guard, HTML
// escaping, the PDF's embedded font and its text (inflated and decoded), §7024(d) withholding and
// redaction checked in the bytes of every file, and the errors.
#include "fulfil/access_package.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/unzip.h"

namespace rightsdesk::fulfil {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Unzip;

constexpr char kPassword[] = "hunter2-S3cret!";
constexpr char kNeighbour[] = "Tom Jones";  // another person, named in a support note

FieldMap Field(std::string column, PiCategory category,
               std::optional<Withheld> withheld = std::nullopt) {
  return {.column = std::move(column), .category = category, .withheld = withheld};
}

DataMap ShopMap() {
  SystemMap shop{.name = "shop",
                 .description = "Online shop",
                 .purposes = {"Selling and shipping orders"},
                 .sources = {"The consumer directly"},
                 .recipients = {"Parcel Co"},
                 .retention = "7 years after the last order"};
  shop.tables.push_back({.name = "Customer",
                         .key = "CustomerId",
                         .identity = {{IdentityKind::kEmail, "Email"}},
                         .fields = {Field("CustomerId", PiCategory::kIdentifiers),
                                    Field("FirstName", PiCategory::kIdentifiers),
                                    Field("LastName", PiCategory::kIdentifiers),
                                    Field("Email", PiCategory::kIdentifiers),
                                    Field("Password", PiCategory::kSensitive, Withheld::kPassword),
                                    Field("Phone", PiCategory::kCustomerRecords),
                                    Field("Address", PiCategory::kCustomerRecords),
                                    Field("Notes", PiCategory::kInferences)}});
  shop.tables.push_back({.name = "Invoice",
                         .key = "InvoiceId",
                         .link = TableLink{"Customer", "CustomerId", "CustomerId"},
                         .fields = {Field("InvoiceId", PiCategory::kCommercial),
                                    Field("Total", PiCategory::kCommercial),
                                    Field("Comment", PiCategory::kCommercial),
                                    Field("ShipTo", PiCategory::kIdentifiers)}});
  SystemMap crm{.name = "crm", .description = "Customer relationship management"};
  crm.tables.push_back({.name = "Contact",
                        .key = "Id",
                        .identity = {{IdentityKind::kEmail, "Email"}},
                        .fields = {Field("Id", PiCategory::kIdentifiers),
                                   Field("Email", PiCategory::kIdentifiers)}});
  SystemMap newsletter{.name = "newsletter"};
  newsletter.tables.push_back({.name = "Subscriber",
                               .key = "Email",
                               .identity = {{IdentityKind::kEmail, "Email"}},
                               .fields = {Field("Email", PiCategory::kIdentifiers)}});
  DataMap map{.systems = {shop, crm, newsletter}};
  map.recipients = {{.name = "Parcel Co",
                     .kind = Recipient::Kind::kServiceProvider,
                     .categories = {PiCategory::kIdentifiers}}};
  return map;
}

const Instant kPackageAt = FromMicros(1'773'507'789'000'000);  // 2026-03-14T17:03:09Z

std::vector<SystemSearch> ShopSearches() {
  SystemFindings shop{.system = "shop", .searched_at = kPackageAt};
  shop.tables.push_back(
      {"Customer",
       {{42,
         {42, "François", "Tremblay<script>alert(1)</script>", "francois@example.com", kPassword,
          "+1 (555) 010-9999", "12 Rue \"Haute\", Apt 3\nMontréal",
          std::string("Called with his neighbour ") + kNeighbour + " about Łukasz's order"}}}});
  shop.tables.push_back({"Invoice",
                         {{1, {1, -12.5, "=HYPERLINK(\"http://evil.example\")", "João Gonçalves"}},
                          {2, {2, 99.99, "@SUM(A1)", "Helena Holý"}}}});
  SystemSearch failed{.system = "crm",
                      .error = Error(ErrorCode::kUnavailable, "crm: connection refused"),
                      .attempts = 3};
  SystemSearch empty{.system = "newsletter",
                     .findings = SystemFindings{.system = "newsletter", .searched_at = kPackageAt},
                     .attempts = 1};
  return {SystemSearch{.system = "shop", .findings = shop, .attempts = 1}, failed, empty};
}

// The text a PDF shows: its streams inflated, each <hex> Tj string decoded from UTF-16BE (libharu
// writes UTF-8 text in a TrueType font as Unicode code units), one line per string.
std::string PdfText(const std::string& pdf) {
  std::string text;
  const std::regex shown("<([0-9A-F]*)> Tj");
  // Each stream's data starts after "stream" and its end of line (libharu: CR LF).
  for (std::size_t at = pdf.find(">>\nstream"); at != std::string::npos;
       at = pdf.find(">>\nstream", at)) {
    at = pdf.find('\n', at + 9) + 1;
    const std::size_t end = pdf.find("endstream", at);
    std::string inflated(1 << 22, '\0');
    uLongf size = inflated.size();
    if (uncompress(reinterpret_cast<Bytef*>(inflated.data()), &size,
                   reinterpret_cast<const Bytef*>(pdf.data() + at), end - at) != Z_OK) {
      continue;  // not a content stream (or not compressed)
    }
    inflated.resize(size);
    if (inflated.find("BT") == std::string::npos) continue;  // draws no text
    for (std::sregex_iterator m(inflated.begin(), inflated.end(), shown), done; m != done; ++m) {
      const std::string hex = (*m)[1];
      for (std::size_t i = 0; i + 4 <= hex.size(); i += 4) {
        const auto unit = static_cast<char32_t>(std::stoul(hex.substr(i, 4), nullptr, 16));
        if (unit < 0x80) {
          text += static_cast<char>(unit);
        } else if (unit < 0x800) {
          text += static_cast<char>(0xC0 | (unit >> 6));
          text += static_cast<char>(0x80 | (unit & 0x3F));
        } else {
          text += static_cast<char>(0xE0 | (unit >> 12));
          text += static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
          text += static_cast<char>(0x80 | (unit & 0x3F));
        }
      }
      text += '\n';
    }
  }
  return text;
}

class AccessPackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto built = Build({kNeighbour});
    ASSERT_TRUE(built) << built.error().message();
    bytes_ = *built;
    for (auto& [name, data] : Unzip(bytes_)) {
      names_.push_back(name);
      files_[name] = std::move(data);
    }
  }

  Result<std::vector<std::uint8_t>> Build(std::vector<std::string> patterns,
                                          const PackageAssets& assets = {}) {
    return BuildAccessPackage({.reference = "RD-2026-00042",
                               .consumer_name = "François Tremblay",
                               .generated_at = kPackageAt,
                               .map = map_,
                               .searches = searches_,
                               .redact_patterns = std::move(patterns)},
                              assets);
  }

  DataMap map_ = ShopMap();
  std::vector<SystemSearch> searches_ = ShopSearches();
  std::vector<std::uint8_t> bytes_;
  std::vector<std::string> names_;
  std::map<std::string, std::string> files_;
};

TEST_F(AccessPackageTest, HoldsTheSummariesTheDataAndOneCsvPerCategoryFound) {
  EXPECT_EQ(names_, (std::vector<std::string>{
                        "README.txt", "summary.pdf", "summary.html", "data.json",
                        "categories/identifiers.csv", "categories/customer_records.csv",
                        "categories/commercial.csv", "categories/inferences.csv",
                        "categories/sensitive.csv"}));
}

TEST_F(AccessPackageTest, DataJsonValidatesAgainstItsSchema) {
  char pattern[] = "/tmp/rightsdesk-package-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const fs::path dir = pattern;
  std::ofstream(dir / "data.json", std::ios::binary) << files_["data.json"];
  const std::string command =
      "/usr/bin/python3 -c 'import json, sys, jsonschema\n"
      "schema = json.load(open(sys.argv[1]))\n"
      "jsonschema.Draft202012Validator.check_schema(schema)\n"
      "jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))' " +
      std::string(RIGHTSDESK_DOCS_DIR) + "/schemas/access-package.schema.json " +
      (dir / "data.json").string();
  const int status = std::system(command.c_str());
  fs::remove_all(dir);
  EXPECT_EQ(status, 0) << "data.json does not validate (python3 printed why)";
}

TEST_F(AccessPackageTest, DataJsonShowsRecordsWithheldKindsAndTheFailedSystem) {
  const json data = json::parse(files_["data.json"]);
  EXPECT_EQ(data["reference"], "RD-2026-00042");
  EXPECT_EQ(data["consumer_name"], "François Tremblay");
  EXPECT_EQ(data["generated_at"], "2026-03-14T17:03:09.000000Z");
  EXPECT_FALSE(data["complete"].get<bool>());
  ASSERT_EQ(data["systems"].size(), 3U);

  const json& customer = data["systems"][0]["tables"][0]["records"][0];
  EXPECT_EQ(customer["key"], 42);
  EXPECT_EQ(customer["fields"][1],
            json({{"name", "FirstName"}, {"category", "identifiers"}, {"value", "François"}}));
  const json& password = customer["fields"][4];
  EXPECT_EQ(password,
            json({{"name", "Password"}, {"category", "sensitive"}, {"withheld", "password"}}));
  EXPECT_EQ(data["withheld"][0]["kind"], "password");
  EXPECT_EQ(data["withheld"][0]["field"], "Password");

  const json& crm = data["systems"][1];
  EXPECT_EQ(crm["status"], "failed");
  EXPECT_EQ(crm["error"], "crm: connection refused");
  EXPECT_NE(crm["notice"].get<std::string>().find("must be repeated"), std::string::npos);
  EXPECT_FALSE(crm.contains("tables"));

  const json& newsletter = data["systems"][2];
  EXPECT_EQ(newsletter["status"], "searched");
  EXPECT_EQ(newsletter["tables"], json::array());

  EXPECT_EQ(data["disclosure"]["categories"][0]["category"], "identifiers");
  EXPECT_EQ(data["disclosure"]["categories"][0]["recipients"][0]["name"], "Parcel Co");
}

TEST_F(AccessPackageTest, ThePasswordIsInNoFile) {
  // Cal. Code Regs. tit. 11 §7024(d).
  for (const auto& [name, data] : files_) {
    EXPECT_EQ(data.find(kPassword), std::string::npos) << name;
  }
  EXPECT_EQ(PdfText(files_["summary.pdf"]).find(kPassword), std::string::npos);
  EXPECT_NE(files_["categories/sensitive.csv"].find("[withheld: password]"), std::string::npos);
}

TEST_F(AccessPackageTest, ARedactedNameIsInNoFileAndTheRestOfItsValueIs) {
  for (const auto& [name, data] : files_) {
    EXPECT_EQ(data.find(kNeighbour), std::string::npos) << name;
  }
  const std::string pdf_text = PdfText(files_["summary.pdf"]);
  EXPECT_EQ(pdf_text.find(kNeighbour), std::string::npos);
  const json data = json::parse(files_["data.json"]);
  const json& notes = data["systems"][0]["tables"][0]["records"][0]["fields"][7];
  EXPECT_EQ(notes["value"], "Called with his neighbour [redacted] about Łukasz's order");
  EXPECT_EQ(notes["redacted"], true);
  EXPECT_EQ(data["redaction"]["fields_redacted"], 1);
}

TEST_F(AccessPackageTest, CsvQuotesPerRfc4180AndGuardsFormulas) {
  const std::string& records = files_["categories/customer_records.csv"];
  EXPECT_EQ(records.rfind("\xEF\xBB\xBF"
                          "system,table,record,field,value\r\n",
                          0),
            0U);
  EXPECT_NE(records.find("shop,Customer,42,Address,\"12 Rue \"\"Haute\"\", Apt 3\nMontréal\"\r\n"),
            std::string::npos);
  EXPECT_NE(records.find("shop,Customer,42,Phone,'+1 (555) 010-9999\r\n"), std::string::npos);

  const std::string& commercial = files_["categories/commercial.csv"];
  EXPECT_NE(commercial.find("shop,Invoice,1,Comment,\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
            std::string::npos);
  EXPECT_NE(commercial.find("shop,Invoice,2,Comment,'@SUM(A1)\r\n"), std::string::npos);
  // A number is data, not a formula.
  EXPECT_NE(commercial.find("shop,Invoice,1,Total,-12.5\r\n"), std::string::npos);
  EXPECT_NE(files_["categories/identifiers.csv"].find("shop,Invoice,1,ShipTo,João Gonçalves\r\n"),
            std::string::npos);
}

TEST_F(AccessPackageTest, HtmlEscapesEveryValueAndNamesTheFailedSystem) {
  const std::string& html = files_["summary.html"];
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("Tremblay&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("12 Rue &quot;Haute&quot;"), std::string::npos);
  EXPECT_NE(html.find("François Tremblay"), std::string::npos);
  EXPECT_NE(html.find("This package is incomplete"), std::string::npos);
  EXPECT_NE(html.find("crm: connection refused"), std::string::npos);
  EXPECT_NE(html.find("Account password"), std::string::npos);
  EXPECT_NE(html.find("Parcel Co (Service provider)"), std::string::npos);
}

TEST_F(AccessPackageTest, PdfEmbedsItsFontAndPrintsAccentedNames) {
  const std::string& pdf = files_["summary.pdf"];
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
  EXPECT_NE(pdf.find("/FontFile2"), std::string::npos);
  EXPECT_GT(pdf.size(), 20'000U);
  const std::string text = PdfText(pdf);
  for (const char* name : {"François Tremblay", "João Gonçalves", "Łukasz", "Helena Holý",
                           "Tremblay<script>alert(1)</script>", "This package is incomplete"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
}

TEST_F(AccessPackageTest, TheSameInputGivesTheSameBytes) {
  auto again = Build({kNeighbour});
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, bytes_);
}

TEST_F(AccessPackageTest, LongValuesWrapAndRunOntoMorePages) {
  std::string essay;
  for (int i = 0; i < 1500; ++i) essay += "word" + std::to_string(i) + " ";
  essay += std::string(3000, 'x');  // one word wider than any line
  searches_[0].findings->tables[0].rows[0].values[7] = essay;
  auto built = Build({});
  ASSERT_TRUE(built) << built.error().message();
  std::string pdf;
  for (auto& [name, data] : Unzip(*built)) {
    if (name == "summary.pdf") pdf = data;
  }
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("word1499"), std::string::npos);
  EXPECT_NE(text.find("— page 3"), std::string::npos);
  // No line is the whole essay: it was wrapped.
  std::size_t longest = 0;
  for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    longest = std::max(longest, end - at);
  }
  EXPECT_LT(longest, 200U);
}

TEST_F(AccessPackageTest, AnInvalidPatternIsRefusedByItsIndexNotItsText) {
  auto built = Build({"Tom", "(Helena"});
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(built.error().field(), "/redact_patterns/1");
  EXPECT_NE(built.error().message().find("redaction pattern 1"), std::string::npos);
  EXPECT_EQ(built.error().message().find("Helena"), std::string::npos);
}

TEST_F(AccessPackageTest, APatternMatchingNothingIsRefused) {
  auto built = Build({"x*"});
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(built.error().field(), "/redact_patterns/0");
}

TEST_F(AccessPackageTest, OverlappingPatternsRedactOnceAndNeverThePlaceholder) {
  searches_[0].findings->tables[0].rows[0].values[7] = "Tom Jones met Tom; red alert";
  auto built = Build({"Tom Jones", "Tom", "red"});
  ASSERT_TRUE(built);
  std::string data;
  for (auto& [name, bytes] : Unzip(*built)) {
    if (name == "data.json") data = bytes;
  }
  EXPECT_EQ(json::parse(data)["systems"][0]["tables"][0]["records"][0]["fields"][7]["value"],
            "[redacted] met [redacted]; [redacted] alert");
}

TEST_F(AccessPackageTest, AMissingFontIsAFailedPrecondition) {
  auto built = Build({}, {.font_path = "/nonexistent/font.ttf"});
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(AccessPackageTest, FindingsOutsideTheDataMapAreRefused) {
  searches_.push_back({.system = "billing"});
  auto unknown_system = Build({});
  ASSERT_FALSE(unknown_system);
  EXPECT_EQ(unknown_system.error().code(), ErrorCode::kInvalidArgument);

  searches_ = ShopSearches();
  searches_[0].findings->tables[1].rows[0].values.pop_back();
  auto short_row = Build({});
  ASSERT_FALSE(short_row);
  EXPECT_EQ(short_row.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(short_row.error().message().find("system shop, table Invoice"), std::string::npos);
}

TEST_F(AccessPackageTest, ASystemWithoutASearchIsShownAsNotSearched) {
  searches_.pop_back();  // newsletter
  auto built = Build({});
  ASSERT_TRUE(built);
  std::string data;
  for (auto& [name, bytes] : Unzip(*built)) {
    if (name == "data.json") data = bytes;
  }
  const json newsletter = json::parse(data)["systems"][2];
  EXPECT_EQ(newsletter["status"], "failed");
  EXPECT_EQ(newsletter["error"], "this system was not searched");
}

}  // namespace
}  // namespace rightsdesk::fulfil
