// The erasure certificate: what was erased where, how, what was kept and why, and what a fresh
// search found afterwards, signed with the installation's Ed25519 key so that anyone holding the
// public key can check it was not altered (`rightsdesk certificate verify FILE`). It holds no
// personal data: counts, strategies, exceptions and times only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_chain.h"
#include "core/datamap.h"
#include "core/erasure_plan.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk {

inline constexpr std::string_view kCertificateFormat = "rightsdesk-erasure-certificate/1";

struct ErasedSystem {
  SystemErasurePlan plan;
  SystemProof proof;
  Instant executed_at;
};

// A system its owner works by hand: the erasure is complete only once the task is done.
struct ManualSystemTask {
  std::string system;
  bool done = false;
};

struct CertificateDraft {
  std::string certificate_id;
  std::string reference;  // the request's public reference
  Instant issued_at;
  std::vector<ErasedSystem> systems;
  std::vector<const Recipient*> recipients;      // told of the deletion (§1798.105(c)(1))
  std::vector<ManualSystemTask> manual_systems;  // systems without a connector: owners' tasks
};

// The signed certificate as JSON: the body and a "signature" member (algorithm, public_key,
// value; hex).
nlohmann::json SignCertificate(const CertificateDraft& draft, const CheckpointSigner& signer);

struct CertificateCheck {
  PublicKey signer{};
  bool all_verified = false;  // every system's proof verified
};

// Checks the signature over the body as it stands. With `expected_key`, the certificate must
// also be signed by that key (the installation's published key). kDataLoss when the certificate
// was altered or signed by another key; kInvalidArgument when it is not a certificate.
Result<CertificateCheck> VerifyCertificate(const nlohmann::json& certificate,
                                           const PublicKey* expected_key);

// The certificate as its file holds it: canonical JSON (keys sorted, compact) and a newline.
std::string CertificateText(const nlohmann::json& certificate);

// Verifies a certificate file's text: it must parse, be exactly as issued (any changed byte,
// even reformatting, fails: kDataLoss) and carry a valid signature (VerifyCertificate).
Result<CertificateCheck> VerifyCertificateText(std::string_view text,
                                               const PublicKey* expected_key);

}  // namespace rightsdesk
