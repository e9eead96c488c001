// MySqlSession against a real MariaDB server loaded with Chinook (the SQLite edition's names:
// Customer, CustomerId, Email): how it matches, what it returns, how its transactions end, and
// what Describe reports. Expected counts are read from the database as root, never assumed; where
// MariaDB's own comparison would differ from the session's, the test shows that too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/mysql_fixture.h"

namespace rightsdesk::connectors {
namespace {

const ColumnShape* FindColumn(const TableShape& shape, std::string_view name) {
  for (const ColumnShape& column : shape.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

TEST_F(MySqlChinookTest, FindsACustomerByEmailWithoutRegardToCase) {
  const auto rows = MustSelect("Customer", {"CustomerId", "Email"}, "Email",
                               MatchMode::kCaseInsensitive, {"LUISG@EMBRAER.COM.BR"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0][0].is_number_integer());
  EXPECT_EQ(rows[0][0], 1);
  EXPECT_EQ(rows[0][1], "luisg@embraer.com.br");
}

TEST_F(MySqlChinookTest, CaseFreeMatchingStillTellsAccentsApart) {
  const std::string id =
      Value("SELECT CustomerId FROM Customer WHERE Email = ?", {"stanisław.wójcik@wp.pl"});
  ASSERT_EQ(id, "49");
  const auto rows = MustSelect("Customer", {"CustomerId"}, "Email", MatchMode::kCaseInsensitive,
                               {"STANISŁAW.WÓJCIK@WP.PL"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], 49);
  // The column's collation calls the address without accents the same one; a search must not.
  ASSERT_EQ(Value("SELECT CustomerId FROM Customer WHERE Email = ?", {"stanisław.wojcik@wp.pl"}),
            "49");
  EXPECT_TRUE(MustSelect("Customer", {"CustomerId"}, "Email", MatchMode::kCaseInsensitive,
                         {"stanisław.wojcik@wp.pl"})
                  .empty());
}

TEST_F(MySqlChinookTest, ExactMatchOnTextKeepsCaseAccentsAndUtf8) {
  ASSERT_EQ(Count("SELECT count(*) FROM Customer WHERE Email = 'LUISG@EMBRAER.COM.BR'"), 1);
  EXPECT_TRUE(
      MustSelect("Customer", {"CustomerId"}, "Email", MatchMode::kExact, {"LUISG@EMBRAER.COM.BR"})
          .empty());
  const auto rows =
      MustSelect("Customer", {"CustomerId", "FirstName"}, "FirstName", MatchMode::kExact, {"Luís"});
  ASSERT_EQ(std::ssize(rows),
            Count("SELECT count(*) FROM Customer WHERE CAST(FirstName AS BINARY) = 'Luís'"));
  EXPECT_EQ(rows[0][1], "Luís");
  // Luís (1) and Luis (57) are one name to the column's collation, two to an exact match.
  ASSERT_EQ(Count("SELECT count(*) FROM Customer WHERE FirstName = 'Luis'"), 2);
  const auto luis =
      MustSelect("Customer", {"CustomerId"}, "FirstName", MatchMode::kExact, {"Luis"});
  ASSERT_EQ(luis.size(), 1u);
  EXPECT_EQ(luis[0][0], 57);
}

TEST_F(MySqlChinookTest, FindsACustomerByPhoneDigitsWhateverTheFormat) {
  for (const char* phone : {"+55 12 3923-5555", "55 (12) 39235555"}) {
    const auto rows = MustSelect("Customer", {"CustomerId"}, "Phone", MatchMode::kDigits, {phone});
    ASSERT_EQ(rows.size(), 1u) << phone;
    EXPECT_EQ(rows[0][0], 1) << phone;
  }
  EXPECT_EQ(MustSelect("Customer", {"CustomerId"}, "Phone", MatchMode::kDigits,
                       {"+55 12 3923-5555", "55 (12) 39235555"})
                .size(),
            1u);
}

TEST_F(MySqlChinookTest, FindsEveryInvoiceOfACustomerByIntegerKey) {
  const std::int64_t expected = Count("SELECT count(*) FROM Invoice WHERE CustomerId = 1");
  ASSERT_GT(expected, 0);
  EXPECT_EQ(std::ssize(MustSelect("Invoice", {"InvoiceId"}, "CustomerId", MatchMode::kExact, {1})),
            expected);
  EXPECT_EQ(
      std::ssize(MustSelect("Invoice", {"InvoiceId"}, "CustomerId", MatchMode::kExact, {"1"})),
      expected);
  EXPECT_EQ(std::ssize(MustSelect("Invoice", {"InvoiceId"}, "CustomerId", MatchMode::kExact,
                                  {1, 2, nullptr})),
            Count("SELECT count(*) FROM Invoice WHERE CustomerId IN (1, 2)"));
}

TEST_F(MySqlChinookTest, AnIntegerColumnMatchesOnlyWholeIntegers) {
  // MariaDB itself turns '3abc' into 3: a consumer typing it would be shown customer 3.
  ASSERT_EQ(Value("SELECT CustomerId FROM Customer WHERE CustomerId = '3abc'"), "3");
  for (const FieldValue& id :
       {FieldValue("3abc"), FieldValue("3.5"), FieldValue(" 3"), FieldValue("abc"),
        FieldValue("99999999999999999999"), FieldValue(3.5)}) {
    EXPECT_TRUE(
        MustSelect("Customer", {"CustomerId"}, "CustomerId", MatchMode::kExact, {id}).empty())
        << id.dump();
  }
  for (const FieldValue& id : {FieldValue("3"), FieldValue(3.0), FieldValue(3)}) {
    const auto rows = MustSelect("Customer", {"CustomerId"}, "CustomerId", MatchMode::kExact, {id});
    ASSERT_EQ(rows.size(), 1u) << id.dump();
    EXPECT_EQ(rows[0][0], 3);
  }
}

TEST_F(MySqlChinookTest, ColumnsComeBackAsJsonOfTheirType) {
  const auto rows = MustSelect("Invoice", {"InvoiceId", "Total", "InvoiceDate", "BillingState"},
                               "CustomerId", MatchMode::kExact, {1});
  ASSERT_FALSE(rows.empty());
  const SqlRow& row = rows[0];
  EXPECT_TRUE(row[0].is_number_integer());
  ASSERT_TRUE(row[1].is_number_float()) << row[1].dump();
  const std::string invoice = std::to_string(row[0].get<std::int64_t>());
  EXPECT_DOUBLE_EQ(row[1].get<double>(),
                   std::stod(Value("SELECT Total FROM Invoice WHERE InvoiceId = " + invoice)));
  EXPECT_TRUE(row[2].is_string());
  EXPECT_EQ(row[2], Value("SELECT InvoiceDate FROM Invoice WHERE InvoiceId = " + invoice));
  EXPECT_EQ(row[3].is_null(),
            Value("SELECT BillingState FROM Invoice WHERE InvoiceId = " + invoice) == "NULL");
}

TEST_F(MySqlChinookTest, AnEmptyValueListSelectsNothing) {
  EXPECT_TRUE(MustSelect("Customer", {"CustomerId"}, "Email", MatchMode::kExact, {}).empty());
  EXPECT_TRUE(
      MustSelect("Customer", {"CustomerId"}, "Email", MatchMode::kExact, {nullptr}).empty());
  EXPECT_TRUE(
      MustSelect("Customer", {"CustomerId"}, "Phone", MatchMode::kDigits, {"no digits"}).empty());
}

TEST_F(MySqlChinookTest, ThousandsOfValuesGoInBatches) {
  std::vector<FieldValue> ids;
  for (int id = 1; id <= 5000; ++id) ids.push_back(id);
  EXPECT_EQ(std::ssize(MustSelect("InvoiceLine", {"InvoiceLineId"}, "InvoiceLineId",
                                  MatchMode::kExact, ids)),
            Count("SELECT count(*) FROM InvoiceLine WHERE InvoiceLineId <= 5000"));
  std::vector<FieldValue> emails;
  for (int i = 0; i < 1200; ++i) emails.push_back("nobody" + std::to_string(i) + "@example.com");
  emails.push_back("ftremblay@gmail.com");
  EXPECT_EQ(
      MustSelect("Customer", {"CustomerId"}, "Email", MatchMode::kCaseInsensitive, emails).size(),
      1u);
}

TEST_F(MySqlChinookTest, UpdateRolledBackLeavesTheRowUnchanged) {
  const std::string before = Value("SELECT Company FROM Customer WHERE CustomerId = 1");
  ASSERT_TRUE(session_->Begin());
  auto updated = session_->Update("Customer", "CustomerId", 1, {{"Company", "Erased Ltd"}});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(*updated, 1);
  EXPECT_EQ(MustSelect("Customer", {"Company"}, "CustomerId", MatchMode::kExact, {1})[0][0],
            "Erased Ltd");
  ASSERT_TRUE(session_->Rollback());
  EXPECT_EQ(Value("SELECT Company FROM Customer WHERE CustomerId = 1"), before);
}

TEST_F(MySqlChinookTest, UpdateCommittedChangesTheRowAndCountsTheRowsItMatched) {
  ASSERT_TRUE(session_->Begin());
  auto updated =
      session_->Update("Customer", "CustomerId", 2, {{"Company", "Erased Ltd"}, {"Fax", nullptr}});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(*updated, 1);
  ASSERT_TRUE(session_->Commit());
  EXPECT_EQ(Value("SELECT Company FROM Customer WHERE CustomerId = 2"), "Erased Ltd");
  EXPECT_EQ(Value("SELECT Fax FROM Customer WHERE CustomerId = 2"), "NULL");
  // Already erased: the row still counts (an erasure run twice reports the same rows).
  EXPECT_EQ(session_->Update("Customer", "CustomerId", 2, {{"Company", "Erased Ltd"}}).value_or(-1),
            1);
  EXPECT_EQ(session_->Update("Customer", "CustomerId", 999999, {{"Company", "x"}}).value_or(-1), 0);
}

TEST_F(MySqlChinookTest, AnUnfinishedTransactionIsRolledBackWhenTheSessionCloses) {
  const std::string before = Value("SELECT Company FROM Customer WHERE CustomerId = 4");
  ASSERT_TRUE(session_->Begin());
  ASSERT_EQ(session_->Update("Customer", "CustomerId", 4, {{"Company", "Erased Ltd"}}).value_or(0),
            1);
  session_.reset();
  EXPECT_EQ(Value("SELECT Company FROM Customer WHERE CustomerId = 4"), before);
}

TEST_F(MySqlChinookTest, UpdateWithNothingToSetOrAnImpossibleKeyChangesNothing) {
  auto nothing_to_set = session_->Update("Customer", "CustomerId", 1, {});
  ASSERT_FALSE(nothing_to_set);
  EXPECT_EQ(nothing_to_set.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(session_->Update("Customer", "Company", nullptr, {{"Company", "x"}}).value_or(-1), 0);
  EXPECT_EQ(session_->Update("Customer", "CustomerId", "1abc", {{"Company", "x"}}).value_or(-1), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM Customer WHERE Company = 'x'"), 0);
}

TEST_F(MySqlChinookTest, DeleteReturnsHowManyRowsItDeleted) {
  const std::string lines_sql =
      "SELECT count(*) FROM InvoiceLine WHERE InvoiceId IN "
      "(SELECT InvoiceId FROM Invoice WHERE CustomerId = 1)";
  const std::int64_t lines = Count(lines_sql);
  std::vector<FieldValue> invoices;
  for (const SqlRow& row :
       MustSelect("Invoice", {"InvoiceId"}, "CustomerId", MatchMode::kExact, {1})) {
    invoices.push_back(row[0]);
  }
  ASSERT_TRUE(session_->Begin());
  auto deleted = session_->Delete("InvoiceLine", "InvoiceId", invoices);
  ASSERT_TRUE(deleted) << deleted.error().message();
  EXPECT_EQ(*deleted, lines);
  EXPECT_EQ(session_->Delete("InvoiceLine", "InvoiceId", invoices).value_or(-1), 0);
  ASSERT_TRUE(session_->Rollback());
  EXPECT_EQ(Count(lines_sql), lines);

  const std::int64_t one = Count("SELECT count(*) FROM InvoiceLine WHERE InvoiceId = 98");
  EXPECT_EQ(session_->Delete("InvoiceLine", "InvoiceId", {98}).value_or(-1), one);
  EXPECT_EQ(Count("SELECT count(*) FROM InvoiceLine WHERE InvoiceId = 98"), 0);
  EXPECT_EQ(session_->Delete("InvoiceLine", "InvoiceId", {}).value_or(-1), 0);
}

TEST_F(MySqlChinookTest, DeletingARowOthersReferenceIsAFailedPrecondition) {
  auto deleted = session_->Delete("Customer", "CustomerId", {1});
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code(), ErrorCode::kFailedPrecondition) << deleted.error().message();
  EXPECT_NE(deleted.error().message().find("Customer"), std::string::npos);
  EXPECT_EQ(deleted.error().message().find("luisg"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM Customer WHERE CustomerId = 1"), 1);
}

TEST_F(MySqlChinookTest, AFailedStatementRollsTheTransactionBackAndCommitSaysSo) {
  const std::string before = Value("SELECT Company FROM Customer WHERE CustomerId = 3");
  ASSERT_TRUE(session_->Begin());
  ASSERT_TRUE(session_->Update("Customer", "CustomerId", 3, {{"Company", "Erased Ltd"}}));
  ASSERT_FALSE(session_->Delete("Customer", "CustomerId", {3}));  // referenced by invoices
  auto after = session_->Update("Customer", "CustomerId", 5, {{"Company", "Erased Ltd"}});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code(), ErrorCode::kFailedPrecondition);
  auto committed = session_->Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value("SELECT Company FROM Customer WHERE CustomerId = 3"), before);
  EXPECT_EQ(Count("SELECT count(*) FROM Customer WHERE Company = 'Erased Ltd'"), 0);
  // The session goes on, outside any transaction.
  EXPECT_EQ(session_->Update("Customer", "CustomerId", 5, {{"Company", "Erased Ltd"}}).value_or(0),
            1);
}

TEST_F(MySqlChinookTest, DescribeReportsNotNullAndIndexedColumns) {
  auto shape = session_->Describe("Customer");
  ASSERT_TRUE(shape) << shape.error().message();
  ASSERT_TRUE(shape->has_value());
  EXPECT_EQ(std::ssize((*shape)->columns),
            Count("SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                  " AND TABLE_NAME = 'Customer'"));
  EXPECT_EQ((*shape)->columns.front().name, "CustomerId");
  const ColumnShape* id = FindColumn(**shape, "CustomerId");
  const ColumnShape* email = FindColumn(**shape, "Email");
  const ColumnShape* company = FindColumn(**shape, "Company");
  const ColumnShape* rep = FindColumn(**shape, "SupportRepId");
  ASSERT_TRUE(id && email && company && rep);
  EXPECT_TRUE(id->indexed);  // the primary key
  EXPECT_TRUE(id->not_null);
  EXPECT_TRUE(email->not_null);
  EXPECT_FALSE(email->indexed);
  EXPECT_FALSE(company->not_null);
  EXPECT_TRUE(rep->indexed);  // IFK_CustomerSupportRepId
  auto lines = session_->Describe("InvoiceLine");
  ASSERT_TRUE(lines && lines->has_value());
  EXPECT_FALSE(FindColumn(**lines, "Quantity")->indexed);
  EXPECT_TRUE(FindColumn(**lines, "TrackId")->indexed);
}

TEST_F(MySqlChinookTest, DescribeOfAnUnknownTableIsNullopt) {
  ASSERT_EQ(Value("SELECT @@lower_case_table_names"), "0");  // names are case-sensitive
  for (const char* table : {"no_such_table", "customer", "CUSTOMER", "chinook.Customer"}) {
    auto shape = session_->Describe(table);
    ASSERT_TRUE(shape) << shape.error().message();
    EXPECT_FALSE(shape->has_value()) << table;
  }
}

TEST_F(MySqlChinookTest, AValueShapedLikeSqlIsOnlyAValue) {
  const FieldValue attack = "x' OR '1'='1";
  for (MatchMode mode : {MatchMode::kExact, MatchMode::kCaseInsensitive}) {
    EXPECT_TRUE(MustSelect("Customer", {"CustomerId"}, "Email", mode, {attack}).empty());
  }
  EXPECT_EQ(session_->Update("Customer", "Email", attack, {{"Company", "x"}}).value_or(-1), 0);
  EXPECT_EQ(session_->Delete("InvoiceLine", "InvoiceLineId", {"1 OR 1=1"}).value_or(-1), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM Customer WHERE Company = 'x'"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM InvoiceLine"), 0);
}

TEST_F(MySqlChinookTest, ANameShapedLikeSqlDoesNoHarm) {
  const std::int64_t customers = Count("SELECT count(*) FROM Customer");
  const std::string attack = "Customer`; DROP TABLE Customer; --";
  auto selected = session_->Select(attack, {"CustomerId"}, "Email", MatchMode::kExact, {"x"});
  ASSERT_FALSE(selected);
  EXPECT_EQ(selected.error().code(), ErrorCode::kFailedPrecondition) << selected.error().message();
  EXPECT_FALSE(session_->Delete(attack, "CustomerId", {1}));
  EXPECT_FALSE(session_->Update("Customer", "Company` = 'x', `Email", 1, {{"Company", "x"}}));
  auto shape = session_->Describe(attack);
  ASSERT_TRUE(shape);
  EXPECT_FALSE(shape->has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM Customer"), customers);
}

TEST_F(MySqlChinookTest, NamesWithBackticksAreQuoted) {
  Root().Execute(
      "CREATE TABLE `odd``table` (`id` INT PRIMARY KEY, `we``ird` VARCHAR(20));"
      "INSERT INTO `odd``table` VALUES (1, 'a@example.com')");
  const auto rows = MustSelect("odd`table", {"id", "we`ird"}, "we`ird", MatchMode::kCaseInsensitive,
                               {"A@example.com"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "a@example.com");
  EXPECT_EQ(session_->Update("odd`table", "id", 1, {{"we`ird", "[erased]"}}).value_or(-1), 1);
  auto shape = session_->Describe("odd`table");
  ASSERT_TRUE(shape && shape->has_value());
  EXPECT_NE(FindColumn(**shape, "we`ird"), nullptr);
}

}  // namespace
}  // namespace rightsdesk::connectors
