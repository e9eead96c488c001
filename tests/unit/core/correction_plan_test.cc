// Planning a correction: what staff may correct (mapped fields, not keys or links, not a manual
// system), every row of the consumer changed and only those, values typed like the old ones, a
// digest that changes with any value, and the re-read that notices a change that did not hold.
#include "core/correction_plan.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

DataMap Shop() {
  SystemMap shop;
  shop.name = "shop";
  shop.connector.kind = ConnectorSettings::Kind::kSqlite;
  TableMap customer;
  customer.name = "Customer";
  customer.key = "Id";
  customer.identity = {{IdentityKind::kEmail, "Email"}};
  customer.fields = {
      {.column = "Id"}, {.column = "Address"}, {.column = "Email"}, {.column = "Age"}};
  TableMap order;
  order.name = "Order";
  order.key = "OrderId";
  order.link = TableLink{"Customer", "CustomerId", "Id"};
  order.fields = {{.column = "OrderId"}, {.column = "CustomerId"}, {.column = "ShipTo"}};
  shop.tables = {customer, order};
  SystemMap paper;
  paper.name = "paper";
  paper.connector.kind = ConnectorSettings::Kind::kManual;
  return DataMap{.systems = {shop, paper}, .recipients = {}};
}

std::vector<SystemFindings> Found() {
  SystemFindings found{.system = "shop", .tables = {}, .searched_at = {}};
  found.tables.push_back({"Customer", {{7, {7, "1 Old Road", "ana@example.com", 41}}}});
  found.tables.push_back(
      {"Order", {{100, {100, 7, "1 Old Road"}}, {101, {101, 7, "2 New Street"}}}});
  return {found};
}

FieldCorrection Set(std::string_view text) { return *ParseFieldCorrection(text); }

TEST(CorrectionPlanTest, ParsesSystemTableColumnAndAValueThatMayHoldEqualsAndDots) {
  auto parsed = ParseFieldCorrection("shop.Customer.Address=2 New St. = corner");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->system, "shop");
  EXPECT_EQ(parsed->table, "Customer");
  EXPECT_EQ(parsed->column, "Address");
  EXPECT_EQ(parsed->value, "2 New St. = corner");
  EXPECT_EQ(ParseFieldCorrection("shop.Customer.Address=")->value, "");
  for (const char* bad : {"shop.Customer=1", "Address=1", "shop.Customer.Address", ".a.b=1",
                          "a..b=1", "a.b.=1", ""}) {
    EXPECT_FALSE(ParseFieldCorrection(bad)) << bad;
  }
}

TEST(CorrectionPlanTest, ChangesEveryRowOfTheConsumerThatDiffersAndRecordsBeforeAndAfter) {
  auto plan = PlanCorrection(Shop(), Found(), {Set("shop.Order.ShipTo=2 New Street")});
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_EQ(plan->changes.size(), 1u);  // order 101 already holds it
  EXPECT_EQ(plan->changes[0].key, 100);
  EXPECT_EQ(plan->changes[0].before, "1 Old Road");
  EXPECT_EQ(plan->changes[0].after, "2 New Street");
  ASSERT_EQ(plan->updates.size(), 1u);
  ASSERT_EQ(plan->updates[0].tables.size(), 1u);
  const auto& update = plan->updates[0].tables[0];
  EXPECT_EQ(update.key_column, "OrderId");
  ASSERT_EQ(update.updates.size(), 1u);
  EXPECT_EQ(update.updates[0].set.at(0).first, "ShipTo");
  EXPECT_EQ(plan->Summary()["fields"]["shop.Order.ShipTo"], 1);
  EXPECT_EQ(plan->Summary().dump().find("Street"), std::string::npos);  // no values in events
}

TEST(CorrectionPlanTest, SeveralFieldsOfOneRowBecomeOneUpdateAndNumbersStayNumbers) {
  auto plan = PlanCorrection(Shop(), Found(),
                             {Set("shop.Customer.Address=9 Elm"), Set("shop.Customer.Age=42")});
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_EQ(plan->updates[0].tables[0].updates.size(), 1u);
  EXPECT_EQ(plan->updates[0].tables[0].updates[0].set.size(), 2u);
  EXPECT_EQ(plan->changes[1].after, 42);  // the integer 42, not the text "42"
}

TEST(CorrectionPlanTest, RefusesWhatCannotOrNeedNotBeCorrected) {
  auto refuse = [](std::string_view text) {
    auto plan = PlanCorrection(Shop(), Found(), {Set(text)});
    return plan ? std::optional<ErrorCode>() : plan.error().code();
  };
  EXPECT_EQ(refuse("shop.Customer.Id=8"), ErrorCode::kInvalidArgument);        // the key
  EXPECT_EQ(refuse("shop.Order.CustomerId=8"), ErrorCode::kInvalidArgument);   // a link
  EXPECT_EQ(refuse("shop.Customer.Password=x"), ErrorCode::kInvalidArgument);  // unmapped
  EXPECT_EQ(refuse("shop.Basket.Item=x"), ErrorCode::kInvalidArgument);        // no table
  EXPECT_EQ(refuse("crm.Customer.Address=x"), ErrorCode::kInvalidArgument);    // no system
  EXPECT_EQ(refuse("paper.Form.Address=x"), ErrorCode::kInvalidArgument);      // by hand
  EXPECT_EQ(refuse("shop.Customer.Address=1 Old Road"), ErrorCode::kFailedPrecondition);
  auto none = PlanCorrection(Shop(), {}, {Set("shop.Customer.Address=x")});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(PlanCorrection(Shop(), Found(), {}));
}

TEST(CorrectionPlanTest, TheDigestChangesWithAnyValue) {
  auto a = PlanCorrection(Shop(), Found(), {Set("shop.Customer.Address=9 Elm")});
  auto b = PlanCorrection(Shop(), Found(), {Set("shop.Customer.Address=9 Elm.")});
  auto again = PlanCorrection(Shop(), Found(), {Set("shop.Customer.Address=9 Elm")});
  EXPECT_NE(a->digest, b->digest);
  EXPECT_EQ(a->digest, again->digest);
  auto moved = Found();
  moved[0].tables[0].rows[0].values[1] = "3 Other Road";  // the data changed since the review
  EXPECT_NE(PlanCorrection(Shop(), moved, {Set("shop.Customer.Address=9 Elm")})->digest, a->digest);
}

TEST(CorrectionPlanTest, TheReReadFindsAChangeThatDidNotHoldWithoutValues) {
  auto plan = PlanCorrection(Shop(), Found(), {Set("shop.Customer.Address=9 Elm")});
  SystemFindings after{.system = "shop", .tables = {}, .searched_at = {}};
  after.tables.push_back({"Customer", {{7, {7, "9 Elm", "ana@example.com", 41}}}});
  EXPECT_TRUE(UnappliedChanges(Shop(), *plan, {after}).empty());
  after.tables[0].rows[0].values[1] = "1 Old Road";
  auto problems = UnappliedChanges(Shop(), *plan, {after});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "shop.Customer.Address (change 1)");
  EXPECT_EQ(UnappliedChanges(Shop(), *plan, {}).size(), 1u);  // the row is gone
}

}  // namespace
}  // namespace rightsdesk
