// GET /api/v1/requests/{id}/verification over HTTP: the level, the proofs in and what is missing,
// behind a bearer token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/tokens.h"
#include "app/verification.h"
#include "http_client.h"

namespace rightsdesk::testing {
namespace {

using bhttp::verb;

class VerificationApiTest : public ServerFixture {
 protected:
  std::string Submit(const char* type) {
    Reply r =
        Send(port_, verb::post, "/api/v1/requests",
             std::string(R"({"type":")") + type + R"(","subject":{"email":"a@example.com"}})");
    EXPECT_EQ(r.status, 201U);
    return r.body.at("id");
  }
  std::string Token() {
    auto created =
        app::CreateApiToken(installation_->tokens(), random_, clock_, "auditor", "audit", "test");
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->secret : "";
  }
};

TEST_F(VerificationApiTest, AnAccessRequestNeedsThreePointsAndADeclaration) {
  const std::string id = Submit("access");
  Reply r = Send(port_, verb::get, "/api/v1/requests/" + id + "/verification", "", "", Token());
  ASSERT_EQ(r.status, 200U) << r.text;
  EXPECT_EQ(r.body.at("level"), "reasonably_high");
  EXPECT_EQ(r.body.at("requires").at("points"), 3);
  EXPECT_EQ(r.body.at("verified"), false);
  EXPECT_EQ(r.body.at("matching_done"), false);
  EXPECT_EQ(r.body.at("missing"),
            nlohmann::json({"3 more matched data points", "signed declaration"}));
}

TEST_F(VerificationApiTest, ADeclarationOnRecordIsShown) {
  const std::string id = Submit("access");
  app::Services services{installation_->ruleset(), installation_->requests(), clock_, zones_,
                         random_};
  app::Verification verification(services, installation_->verification(), nullptr, {}, {});
  ASSERT_TRUE(verification.Declare(id, {.full_name = "Ana Núñez", .ip = "203.0.113.9"}, "t"));
  Reply r = Send(port_, verb::get, "/api/v1/requests/" + id + "/verification", "", "", Token());
  ASSERT_EQ(r.status, 200U) << r.text;
  ASSERT_EQ(r.body.at("declarations").size(), 1U);
  EXPECT_EQ(r.body.at("declarations")[0].at("statement_version"), app::kDeclarationVersion);
  EXPECT_EQ(r.body.at("missing"), nlohmann::json({"3 more matched data points"}));
}

TEST_F(VerificationApiTest, AnOptOutNeedsNone) {
  const std::string id = Submit("opt_out");
  Reply r = Send(port_, verb::get, "/api/v1/requests/" + id + "/verification", "", "", Token());
  ASSERT_EQ(r.status, 200U) << r.text;
  EXPECT_EQ(r.body.at("level"), "none");
  EXPECT_EQ(r.body.at("verified"), true);
}

TEST_F(VerificationApiTest, UnknownRequestsAre404AndNoTokenIs401) {
  EXPECT_EQ(
      Send(port_, verb::get, "/api/v1/requests/RD-2026-99999/verification", "", "", Token()).status,
      404U);
  const std::string id = Submit("access");
  EXPECT_EQ(Send(port_, verb::get, "/api/v1/requests/" + id + "/verification").status, 401U);
}

}  // namespace
}  // namespace rightsdesk::testing
