// The signed envelope of the Data Rights Protocol 1.0 (shared/specs/drp, section 3.07.1): an
// agent signs a JSON document with Ed25519 in libsodium's "combined mode" (the 64-byte signature
// prepended to the message), base64-encodes the result and sends it as text/plain. Decoding and
// checking it is pure computation, kept here so that the fuzz target and the unit tests reach it.
#pragma once

#include <string>
#include <string_view>

#include "core/audit_chain.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk {

struct SignedMessage {
  Signature signature{};
  std::string body;  // the JSON text the signature covers, as sent (not yet checked to be JSON)
};

// Decodes standard base64 (padding optional, surrounding whitespace ignored) and splits off the
// signature. kInvalidArgument when the text is not base64 or too short to hold a signature.
Result<SignedMessage> DecodeSignedMessage(std::string_view base64_text);

// Whether `message.signature` is `key`'s Ed25519 signature of `message.body`.
bool SignatureValid(const SignedMessage& message, const PublicKey& key);

// An agent's verify key as the DRP service directory spells it: base64 of the 32-byte Ed25519
// public key (section 3.05.1). kInvalidArgument otherwise.
Result<PublicKey> ParseVerifyKey(std::string_view base64_text);
std::string FormatVerifyKey(const PublicKey& key);

// Standard base64 of `bytes` (with padding); the tests' agent signs with it.
std::string Base64Encode(std::string_view bytes);

// An ISO 8601 timestamp as agents write them: "2026-11-24T18:00:00Z", with an optional fraction
// (more than 6 digits are truncated to microseconds) and an optional offset ("+00:00", "-0800");
// no offset means UTC (Python's naive isoformat()). kInvalidArgument otherwise.
Result<Instant> ParseDrpTime(std::string_view text);

}  // namespace rightsdesk
