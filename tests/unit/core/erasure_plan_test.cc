// Planning and proving an erasure: each strategy gives the value it promises, kept data carries
// its exception, and the proof notices any row that does not match the plan.
#include "core/erasure_plan.h"

#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

SystemMap ErasureShop() {
  SystemMap shop;
  shop.name = "shop";
  TableMap customer;
  customer.name = "Customer";
  customer.key = "Id";
  customer.identity = {{IdentityKind::kEmail, "Email"}};
  customer.fields = {{.column = "Id"},
                     {.column = "Name", .erasure = FieldErasure::kRedact},
                     {.column = "Email", .erasure = FieldErasure::kHash},
                     {.column = "Phone", .erasure = FieldErasure::kNull}};
  TableMap order;
  order.name = "Order";
  order.key = "OrderId";
  order.link = TableLink{"Customer", "CustomerId", "Id"};
  order.erasure = RowErasure::kKeep;
  order.exception = RetentionException{ExceptionBasis::kLegalObligation, "tax"};
  order.fields = {{.column = "OrderId"}, {.column = "CustomerId"}};
  TableMap visit;
  visit.name = "Visit";
  visit.key = "VisitId";
  visit.link = TableLink{"Customer", "CustomerId", "Id"};
  visit.erasure = RowErasure::kDeleteRow;
  visit.fields = {{.column = "VisitId"}, {.column = "CustomerId"}};
  shop.tables = {customer, order, visit};
  return shop;
}

SystemFindings ErasureFound() {
  SystemFindings found{.system = "shop", .tables = {}, .searched_at = {}};
  found.tables.push_back({"Customer", {{7, {7, "Ana Núñez", "ana@example.com", nullptr}}}});
  found.tables.push_back({"Order", {{100, {100, 7}}, {101, {101, 7}}}});
  found.tables.push_back({"Visit", {{1, {1, 7}}, {2, {2, 7}}, {3, {3, 7}}}});
  return found;
}

constexpr ErasureHashKey kKey{1, 2, 3};

TEST(ErasurePlanTest, EachStrategyGivesItsValueAndChildrenComeFirst) {
  SystemMap shop = ErasureShop();
  auto plan = PlanErasure(shop, ErasureFound(), kKey);
  ASSERT_EQ(plan.tables.size(), 3u);
  EXPECT_EQ(plan.tables[0].table, "Visit");  // deleted before the customer they point to
  EXPECT_EQ(plan.tables[2].table, "Customer");
  EXPECT_EQ(plan.tables[0].delete_keys.size(), 3u);
  EXPECT_EQ(plan.tables[1].kept_keys.size(), 2u);
  const auto& update = plan.tables[2].updates.at(0);
  ASSERT_EQ(update.set.size(), 2u);  // Phone is already null: nothing to change
  EXPECT_EQ(update.set[0].first, "Name");
  EXPECT_EQ(update.set[0].second, "[erased]");
  EXPECT_EQ(update.set[1].first, "Email");
  const std::string hashed = update.set[1].second.get<std::string>();
  EXPECT_EQ(hashed.size(), 16u);
  EXPECT_EQ(hashed[0], 'h');  // never all digits: a numeric column affinity would convert it
  EXPECT_EQ(hashed.find("ana"), std::string::npos);
  // Another key (another erasure) hashes the same value differently: not recomputable.
  auto other = PlanErasure(shop, ErasureFound(), ErasureHashKey{9});
  EXPECT_NE(other.tables[2].updates.at(0).set[1].second, update.set[1].second);
  EXPECT_EQ(plan.RowCount(), 6u);
}

TEST(ErasurePlanTest, TheSummaryHasCountsStrategiesAndExceptionsButNoValues) {
  auto summary = ErasurePlanSummary(PlanErasure(ErasureShop(), ErasureFound(), kKey));
  const std::string text = summary.dump();
  EXPECT_EQ(text.find("ana@example.com"), std::string::npos);
  EXPECT_EQ(text.find("Núñez"), std::string::npos);
  EXPECT_EQ(summary["tables"][1]["exception"]["basis"], "legal_obligation");
  EXPECT_EQ(summary["tables"][1]["exception"]["citation"], "Cal. Civ. Code §1798.105(d)(7)");
  EXPECT_EQ(summary["tables"][1]["rows_kept"], 2);
  EXPECT_EQ(summary["tables"][0]["rows_deleted"], 3);
  EXPECT_EQ(summary["tables"][2]["fields"][2]["erasure"], "hash");
}

// What the system looks like after a faithful execution of `plan`.
SystemFindings Executed(const SystemErasurePlan& plan) {
  SystemFindings after{.system = "shop", .tables = {}, .searched_at = {}};
  after.tables.push_back({"Order", {{100, {100, 7}}, {101, {101, 7}}}});
  after.tables.push_back({"Visit", {}});
  const auto& set = plan.tables[2].updates[0].set;
  after.tables.push_back({"Customer", {{7, {7, set[0].second, set[1].second, nullptr}}}});
  return after;
}

TEST(ErasurePlanTest, AFaithfulExecutionIsProved) {
  SystemMap shop = ErasureShop();
  auto plan = PlanErasure(shop, ErasureFound(), kKey);
  auto proof = ProveErasure(shop, plan, Executed(plan), SystemFindings{});
  EXPECT_TRUE(proof.verified());
  EXPECT_EQ(proof.rows_found_again, 0);
  EXPECT_EQ(proof.tables[0].rows_deleted, 3);
  EXPECT_EQ(proof.tables[1].rows_kept, 2);
  EXPECT_EQ(proof.tables[2].rows_updated, 1);
}

TEST(ErasurePlanTest, AnyDepartureFromThePlanFailsTheProof) {
  SystemMap shop = ErasureShop();
  auto plan = PlanErasure(shop, ErasureFound(), kKey);

  auto survived = Executed(plan);
  survived.tables[1].rows.push_back({2, {2, 7}});  // a visit not deleted
  EXPECT_FALSE(ProveErasure(shop, plan, survived, SystemFindings{}).verified());

  auto unchanged = Executed(plan);
  unchanged.tables[2].rows[0].values[2] = "ana@example.com";  // the email still there
  auto proof = ProveErasure(shop, plan, unchanged, SystemFindings{});
  EXPECT_FALSE(proof.verified());
  EXPECT_EQ(proof.tables[2].problems.size(), 1u);
  EXPECT_EQ(proof.tables[2].problems[0].find("ana"), std::string::npos);

  // A fresh search by the consumer's identities still finds the customer row.
  SystemFindings again{.system = "shop", .tables = {}, .searched_at = {}};
  again.tables.push_back({"Customer", {{7, {7, "x", "y", nullptr}}}});
  EXPECT_EQ(ProveErasure(shop, plan, Executed(plan), again).rows_found_again, 1);

  // Rows kept under an exception may be found again.
  SystemFindings kept{.system = "shop", .tables = {}, .searched_at = {}};
  kept.tables.push_back({"Order", {{100, {100, 7}}}});
  EXPECT_TRUE(ProveErasure(shop, plan, Executed(plan), kept).verified());
}

}  // namespace
}  // namespace rightsdesk
