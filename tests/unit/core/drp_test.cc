// The Data Rights Protocol's messages (core/drp.h, core/drp_message.h) and its view of our
// requests (core/drp_status.h), against shared/specs/drp/data-rights-protocol.md.
#include "core/drp.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/drp_message.h"
#include "core/drp_status.h"

namespace rightsdesk {
namespace {

using nlohmann::json;

Instant At(const char* text) { return *ParseInstant(text); }

json Exercise() {
  return {
      {"agent-id", "AGENT_A"},
      {"business-id", "ACME"},
      {"issued-at", "2026-11-24T18:00:00+00:00"},
      {"expires-at", "2026-11-24T18:10:00.123456789Z"},
      {"agent-request-id", "req-1"},
      {"drp.version", "1.0"},
      {"exercise", "sale:opt-out"},
      {"regime", "ccpa"},
      {"relationships", {"customer", "marketing"}},
      {"status_callback", "https://agent.example/drp/callback"},
      {"name", "Zoë Ortiz"},
      {"email", "zoe@example.com"},
      {"email_verified", true},
      {"phone_number", "+14155550100"},
      {"address", {{"street_address", "1 Main St"}, {"locality", "Oakland"}, {"region", "CA"}}}};
}

TEST(DrpActions, MapToOurRequestTypes) {
  EXPECT_EQ(RequestTypeFor(DrpAction::kSaleOptOut), RequestType::kOptOut);
  EXPECT_EQ(RequestTypeFor(DrpAction::kDeletion), RequestType::kDelete);
  EXPECT_EQ(RequestTypeFor(DrpAction::kAccess), RequestType::kAccess);
  EXPECT_EQ(RequestTypeFor(DrpAction::kAccessSpecific), RequestType::kAccess);
  EXPECT_EQ(RequestTypeFor(DrpAction::kAccessCategories), RequestType::kCategories);
  EXPECT_EQ(RequestTypeFor(DrpAction::kSaleOptIn), std::nullopt);
  for (const char* name : {"sale:opt-out", "sale:opt-in", "deletion", "access", "access:categories",
                           "access:specific"}) {
    auto action = ParseDrpAction(name);
    ASSERT_TRUE(action) << name;
    EXPECT_EQ(Name(*action), name);
  }
  EXPECT_FALSE(ParseDrpAction("opt_out"));
}

TEST(DrpExerciseParser, ReadsEveryKeyOfTheSpecExample) {
  auto parsed = ParseDrpExercise(Exercise().dump());
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->envelope.agent_id, "AGENT_A");
  EXPECT_EQ(parsed->envelope.business_id, "ACME");
  EXPECT_EQ(parsed->envelope.issued_at, At("2026-11-24T18:00:00Z"));
  EXPECT_EQ(parsed->envelope.expires_at, At("2026-11-24T18:10:00.123456Z"));
  EXPECT_EQ(parsed->agent_request_id, "req-1");
  EXPECT_EQ(parsed->action, DrpAction::kSaleOptOut);
  EXPECT_EQ(parsed->regime, "ccpa");
  EXPECT_EQ(parsed->relationships, (std::vector<std::string>{"customer", "marketing"}));
  EXPECT_EQ(parsed->status_callback, "https://agent.example/drp/callback");
  EXPECT_EQ(parsed->claims.name, "Zoë Ortiz");
  EXPECT_EQ(parsed->claims.email, "zoe@example.com");
  EXPECT_TRUE(parsed->claims.email_verified);
  EXPECT_FALSE(parsed->claims.phone_number_verified);
  EXPECT_EQ(parsed->claims.address, "1 Main St, Oakland, CA");
}

TEST(DrpExerciseParser, RefusesEachMalformedKeyNamingIt) {
  struct Case {
    const char* key;
    json value;
    const char* pointer;
  };
  const Case cases[] = {{"email", nullptr, "/email"},
                        {"agent-id", 7, "/agent-id"},
                        {"drp.version", "0.9", "/drp.version"},
                        {"issued-at", "yesterday", "/issued-at"},
                        {"exercise", "sale:maybe", "/exercise"},
                        {"status_callback", "ftp://agent.example/", "/status_callback"},
                        {"relationships", "customer", "/relationships"},
                        {"email_verified", "yes", "/email_verified"},
                        {"address", 12, "/address"}};
  for (const Case& c : cases) {
    json body = Exercise();
    if (c.value.is_null()) {
      body.erase(c.key);
    } else {
      body[c.key] = c.value;
    }
    auto parsed = ParseDrpExercise(body.dump());
    ASSERT_FALSE(parsed) << c.key;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument) << c.key;
    EXPECT_EQ(parsed.error().field(), c.pointer) << c.key;
  }
}

TEST(DrpExerciseParser, RefusesWhatIsNotAJsonObject) {
  for (const char* text : {"", "[]", "\"x\"", "{", "{\"agent-id\": \"A\"} trailing"}) {
    auto parsed = ParseDrpExercise(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(DrpPairingParser, NeedsTheEnvelopeOnly) {
  json body = {{"agent-id", "AGENT_A"},
               {"business-id", "ACME"},
               {"issued-at", "2026-11-24T18:00:00"},
               {"expires-at", "2026-11-24T10:05:00-08:00"},
               {"drp.version", "1.0"}};
  auto parsed = ParseDrpPairing(body.dump());
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->issued_at, At("2026-11-24T18:00:00Z"));
  EXPECT_EQ(parsed->expires_at, At("2026-11-24T18:05:00Z"));
}

TEST(DrpRevokeParser, ReasonIsOptional) {
  EXPECT_EQ(*ParseDrpRevoke("{}"), "");
  EXPECT_EQ(*ParseDrpRevoke(R"({"reason": "changed my mind"})"), "changed my mind");
  EXPECT_EQ(ParseDrpRevoke(R"({"reason": 3})").error().field(), "/reason");
}

TEST(DrpTime, AcceptsTheIsoFormsAgentsWrite) {
  const Instant noon = At("2026-11-24T12:00:00Z");
  for (const char* text :
       {"2026-11-24T12:00:00Z", "2026-11-24T12:00:00", "2026-11-24T12:00:00+00:00",
        "2026-11-24T04:00:00-08:00", "2026-11-24T13:00:00+0100", "2026-11-24T13:00:00+01"}) {
    auto at = ParseDrpTime(text);
    ASSERT_TRUE(at) << text;
    EXPECT_EQ(*at, noon) << text;
  }
  for (const char* text : {"", "2026-11-24", "2026-11-24T12:00:00+25:00", "2026-11-24 12:00:00Z",
                           "2026-11-24T12:00:00+01:6"}) {
    EXPECT_FALSE(ParseDrpTime(text)) << text;
  }
}

class DrpEnvelopeTest : public ::testing::Test {
 protected:
  DrpEnvelope envelope_{.agent_id = "AGENT_A",
                        .business_id = "ACME",
                        .issued_at = At("2026-11-24T18:00:00Z"),
                        .expires_at = At("2026-11-24T18:10:00Z"),
                        .version = "1.0"};
  Result<void> Check(const char* now, const char* agent = "AGENT_A") {
    return CheckDrpEnvelope(envelope_, agent, "ACME", At(now));
  }
};

TEST_F(DrpEnvelopeTest, AcceptsAMessageWithinItsWindow) {
  EXPECT_TRUE(Check("2026-11-24T18:05:00Z"));
  EXPECT_TRUE(Check("2026-11-24T17:59:30Z"));  // our clock a little behind the agent's
}

TEST_F(DrpEnvelopeTest, RefusesAnotherAgentOrBusiness) {
  EXPECT_EQ(Check("2026-11-24T18:05:00Z", "AGENT_B").error().code(), ErrorCode::kPermissionDenied);
  envelope_.business_id = "OTHER";
  EXPECT_EQ(Check("2026-11-24T18:05:00Z").error().field(), "/business-id");
}

TEST_F(DrpEnvelopeTest, RefusesAStaleOrFutureOrOverlongMessage) {
  auto expired = Check("2026-11-24T18:10:00Z");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(expired.error().field(), "/expires-at");
  EXPECT_EQ(Check("2026-11-24T17:58:00Z").error().field(), "/issued-at");
  envelope_.expires_at = envelope_.issued_at + std::chrono::hours(25);
  EXPECT_EQ(Check("2026-11-24T18:05:00Z").error().field(), "/expires-at");
}

class DrpSignedMessageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_sign_keypair(public_key_.data(), secret_key_);
  }
  std::string Sign(std::string_view body) {
    std::string signed_message(crypto_sign_BYTES + body.size(), '\0');
    unsigned long long length = 0;
    crypto_sign(reinterpret_cast<unsigned char*>(signed_message.data()), &length,
                reinterpret_cast<const unsigned char*>(body.data()), body.size(), secret_key_);
    return Base64Encode(signed_message);
  }
  PublicKey public_key_{};
  unsigned char secret_key_[crypto_sign_SECRETKEYBYTES] = {};
};

TEST_F(DrpSignedMessageTest, OpensAndVerifiesLibsodiumCombinedMode) {
  auto message = DecodeSignedMessage(Sign(R"({"a":1})") + "\n");
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(message->body, R"({"a":1})");
  EXPECT_TRUE(SignatureValid(*message, public_key_));
}

TEST_F(DrpSignedMessageTest, ATamperedBodyOrAnotherKeyFails) {
  auto message = DecodeSignedMessage(Sign(R"({"a":1})"));
  ASSERT_TRUE(message);
  message->body = R"({"a":2})";
  EXPECT_FALSE(SignatureValid(*message, public_key_));
  auto other = DecodeSignedMessage(Sign(R"({"a":1})"));
  PublicKey wrong = public_key_;
  wrong[0] ^= 1;
  EXPECT_FALSE(SignatureValid(*other, wrong));
}

TEST_F(DrpSignedMessageTest, RefusesWhatIsNotBase64OrTooShort) {
  EXPECT_FALSE(DecodeSignedMessage("not base64 at all!"));
  EXPECT_FALSE(DecodeSignedMessage(Base64Encode("short")));
  EXPECT_FALSE(DecodeSignedMessage(""));
  EXPECT_FALSE(DecodeSignedMessage("QUJD=DEF"));
}

TEST_F(DrpSignedMessageTest, ABodyWithABytePastAsciiIsNotBase64) {
  // libsodium 1.0.18 would read 0xfb as '/': the same message must not have two spellings.
  std::string body = Sign(R"({"a":1})");
  ASSERT_TRUE(DecodeSignedMessage(body));
  const auto slash = body.find('/');
  std::string spelled = body;
  if (slash != std::string::npos) {
    spelled[slash] = static_cast<char>(0xfb);
  } else {
    spelled.insert(spelled.begin() + 4, static_cast<char>(0xfb));
  }
  EXPECT_FALSE(DecodeSignedMessage(spelled));
  EXPECT_FALSE(ParseVerifyKey(std::string(43, static_cast<char>(0xfb))));
}

TEST_F(DrpSignedMessageTest, VerifyKeysRoundTrip) {
  auto key = ParseVerifyKey(FormatVerifyKey(public_key_));
  ASSERT_TRUE(key);
  EXPECT_EQ(*key, public_key_);
  EXPECT_EQ(ParseVerifyKey(Base64Encode("too short")).error().code(), ErrorCode::kInvalidArgument);
}

Request Stored(Status status) {
  Request request;
  request.id = "0193-abc";
  request.status = status;
  request.received_at = At("2026-11-24T18:00:00Z");
  request.due_at = At("2027-01-09T07:59:59.999999Z");
  return request;
}

TEST(DrpStatus, MapsEachOfOurStatuses) {
  struct Case {
    Status ours;
    const char* status;
    const char* reason;
  };
  const Case cases[] = {{Status::kReceived, "in_progress", ""},
                        {Status::kPendingVerification, "in_progress", ""},
                        {Status::kVerified, "in_progress", ""},
                        {Status::kInProgress, "in_progress", ""},
                        {Status::kAwaitingReview, "in_progress", ""},
                        {Status::kCompleted, "fulfilled", ""},
                        {Status::kWithdrawn, "revoked", ""},
                        {Status::kDenied, "denied", "other"},
                        {Status::kClosedUnverified, "denied", "insuf_verification"},
                        {Status::kClosedDuplicate, "denied", "other"}};
  for (const Case& c : cases) {
    DrpState state = DrpStateOf(Stored(c.ours));
    EXPECT_EQ(state.status, c.status) << Name(c.ours);
    EXPECT_EQ(state.reason, c.reason) << Name(c.ours);
  }
}

TEST(DrpStatus, ADenialGivesTheProtocolsReasonForItsBasis) {
  const std::pair<DenialBasis, const char*> cases[] = {
      {DenialBasis::kUnverifiable, "insuf_verification"},
      {DenialBasis::kNotAConsumer, "suspected_fraud"},
      {DenialBasis::kExempt, "claim_not_covered"},
      {DenialBasis::kOther, "other"}};
  for (const auto& [basis, reason] : cases) {
    Request r = Stored(Status::kDenied);
    r.denial_basis = basis;
    DrpState state = DrpStateOf(r);
    EXPECT_EQ(state.status, "denied");
    EXPECT_EQ(state.reason, reason) << Name(basis);
  }
}

TEST(DrpStatus, ADuplicateSaysAnOpenRequestAnswersItWithoutNamingIt) {
  Request r = Stored(Status::kClosedDuplicate);
  r.duplicate_of = "01900000-0000-7000-8000-0000000000aa";
  DrpState state = DrpStateOf(r);
  EXPECT_NE(state.processing_details.find("already has open"), std::string::npos);
  EXPECT_EQ(state.processing_details.find(r.duplicate_of), std::string::npos);
}

TEST(DrpStatus, TheExerciseStatusCarriesOurDeadlineAndTheAgentsId) {
  Request request = Stored(Status::kInProgress);
  request.extended = true;
  json status = DrpExerciseStatus(request, "req-1");
  EXPECT_EQ(status["request_id"], "0193-abc");
  EXPECT_EQ(status["received_at"], "2026-11-24T18:00:00.000000Z");
  EXPECT_EQ(status["expected_by"], "2027-01-09T07:59:59.999999Z");
  EXPECT_EQ(status["agent_request_id"], "req-1");
  EXPECT_EQ(status["status"], "in_progress");
  EXPECT_TRUE(status["processing_details"].get<std::string>().starts_with("The response period"));
  EXPECT_FALSE(DrpExerciseStatus(request, "").contains("agent_request_id"));
}

TEST(DrpStatus, PendingVerificationNeedsTheUserOnlyWhenThereIsAPageToSendThemTo) {
  Request request = Stored(Status::kPendingVerification);
  json status = DrpExerciseStatus(request, "", "https://privacy.example.com/v");
  EXPECT_EQ(status["status"], "in_progress");
  EXPECT_EQ(status["reason"], "need_user_verification");
  EXPECT_EQ(status["user_verification_url"], "https://privacy.example.com/v");
  json without = DrpExerciseStatus(request, "");
  EXPECT_FALSE(without.contains("reason"));
  EXPECT_FALSE(without.contains("user_verification_url"));
  // Once verified, the page is no longer given.
  EXPECT_FALSE(DrpExerciseStatus(Stored(Status::kVerified), "", "https://privacy.example.com/v")
                   .contains("user_verification_url"));
}

TEST(DrpStatus, StatusChangesAndExtensionsAreNewsworthyNotesAreNot) {
  Request before = Stored(Status::kReceived);
  Request after = before;
  EXPECT_FALSE(DrpNewsworthy(before, after));
  after.assignee = "ana";
  EXPECT_FALSE(DrpNewsworthy(before, after));
  after.extended = true;
  EXPECT_TRUE(DrpNewsworthy(before, after));
  after = before;
  after.status = Status::kVerified;
  EXPECT_TRUE(DrpNewsworthy(before, after));
}

}  // namespace
}  // namespace rightsdesk
