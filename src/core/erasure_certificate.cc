#include "core/erasure_certificate.h"

#include <sodium.h>

#include "core/hex.h"

namespace rightsdesk {
namespace {

constexpr std::string_view kDomain = "rightsdesk.erasure-certificate.v1\n";

// What is signed: a domain tag, then the body's canonical JSON (keys sorted, compact).
std::vector<std::uint8_t> SignedBytes(const nlohmann::json& body) {
  std::string text(kDomain);
  text += CanonicalDetails(body);
  return {text.begin(), text.end()};
}

nlohmann::json ProofJson(const SystemProof& proof) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& table : proof.tables) {
    tables.push_back({{"table", table.table},
                      {"rows_deleted", table.rows_deleted},
                      {"rows_updated", table.rows_updated},
                      {"rows_kept", table.rows_kept},
                      {"problems", table.problems}});
  }
  return {{"verified", proof.verified()},
          {"rows_found_again", proof.rows_found_again},
          {"tables", std::move(tables)}};
}

nlohmann::json Body(const CertificateDraft& draft) {
  nlohmann::json systems = nlohmann::json::array();
  bool all_verified = true;
  for (const auto& system : draft.systems) {
    all_verified = all_verified && system.proof.verified();
    systems.push_back({{"system", system.plan.system},
                       {"executed_at", FormatInstant(system.executed_at)},
                       {"plan", ErasurePlanSummary(system.plan)},
                       {"proof", ProofJson(system.proof)}});
  }
  nlohmann::json recipients = nlohmann::json::array();
  for (const Recipient* recipient : draft.recipients) {
    recipients.push_back({{"name", recipient->name},
                          {"kind", Name(recipient->kind)},
                          {"notified_by", !recipient->notify_webhook.empty() ? "webhook"
                                          : !recipient->notify_email.empty() ? "email"
                                                                             : "manual task"}});
  }
  nlohmann::json manual = nlohmann::json::array();
  for (const auto& task : draft.manual_systems) {
    all_verified = all_verified && task.done;
    manual.push_back({{"system", task.system}, {"task", task.done ? "done" : "open"}});
  }
  return {{"format", kCertificateFormat},        {"certificate_id", draft.certificate_id},
          {"request", draft.reference},          {"issued_at", FormatInstant(draft.issued_at)},
          {"systems", std::move(systems)},       {"manual_systems", std::move(manual)},
          {"recipients", std::move(recipients)}, {"all_verified", all_verified}};
}

}  // namespace

nlohmann::json SignCertificate(const CertificateDraft& draft, const CheckpointSigner& signer) {
  nlohmann::json certificate = Body(draft);
  const auto signature = signer.Sign(SignedBytes(certificate));
  certificate["signature"] = {{"algorithm", "Ed25519"},
                              {"public_key", ToHex(signer.public_key())},
                              {"value", ToHex(signature)}};
  return certificate;
}

Result<CertificateCheck> VerifyCertificate(const nlohmann::json& certificate,
                                           const PublicKey* expected_key) {
  const auto not_one = [](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument, "not an erasure certificate: " + std::string(why));
  };
  if (!certificate.is_object() || certificate.value("format", "") != kCertificateFormat) {
    return not_one("no \"format\": \"" + std::string(kCertificateFormat) + "\"");
  }
  const auto signature = certificate.find("signature");
  if (signature == certificate.end() || !signature->is_object()) return not_one("no signature");
  auto key = FromHex(signature->value("public_key", ""));
  auto value = FromHex(signature->value("value", ""));
  if (signature->value("algorithm", "") != "Ed25519" || !key || key->size() != 32 || !value ||
      value->size() != 64) {
    return not_one("the signature is not a hex Ed25519 key and value");
  }
  CertificateCheck check;
  std::copy(key->begin(), key->end(), check.signer.begin());
  if (expected_key && *expected_key != check.signer) {
    return Fail(ErrorCode::kDataLoss, "signed by another key (" + ToHex(check.signer) +
                                          "), not the expected " + ToHex(*expected_key));
  }
  nlohmann::json body = certificate;
  body.erase("signature");
  const auto bytes = SignedBytes(body);
  if (sodium_init() < 0 ||
      crypto_sign_verify_detached(value->data(), bytes.data(), bytes.size(), key->data()) != 0) {
    return Fail(ErrorCode::kDataLoss,
                "the signature does not match: the certificate was altered after it was signed");
  }
  check.all_verified = body.value("all_verified", false);
  return check;
}

std::string CertificateText(const nlohmann::json& certificate) {
  return CanonicalDetails(certificate) + "\n";
}

Result<CertificateCheck> VerifyCertificateText(std::string_view text,
                                               const PublicKey* expected_key) {
  nlohmann::json certificate = nlohmann::json::parse(text, nullptr, false);
  if (certificate.is_discarded()) {
    return Fail(ErrorCode::kInvalidArgument, "not an erasure certificate: not valid JSON");
  }
  auto check = VerifyCertificate(certificate, expected_key);
  if (!check) return check;
  if (CertificateText(certificate) != text) {
    return Fail(ErrorCode::kDataLoss,
                "the file is not exactly as issued (a byte was changed, added or removed)");
  }
  return check;
}

}  // namespace rightsdesk
