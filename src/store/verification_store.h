// VerificationStore: the proofs of identity a consumer gives that must be kept with the request
// (issue 4): the declarations signed under penalty of perjury (Cal. Code Regs. tit. 11 §7062(c)),
// the documents given as proof (an agent's signed permission, a power of attorney), and the uses
// of account tokens (§7061), each of which works once; matched data points are recorded as audit
// events (names only, no values) and need no table. The signer's typed name and IP address are
// personal data: sealed at rest, and erased with the request's other personal data by the
// retention purge (the record that a declaration was signed, its statement version and time,
// stays).
//
// Implemented by SqliteStore. Thread-safe; a write is durable on success and carries its audit
// event in the same transaction. The event is built by the caller and must hold no personal data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/audit_event.h"
#include "core/error.h"
#include "core/time.h"

namespace rightsdesk::store {

struct SignedDeclaration {
  std::string id;  // time-ordered UUID
  std::string request_id;
  std::string statement_version;  // which text was signed (docs/verification.md)
  Instant signed_at;
  std::string full_name;  // as typed: personal, sealed; empty once purged
  std::string ip;         // where it was signed from ("" when unknown): personal, sealed
  bool purged = false;    // the sealed part was erased by the retention purge
};

// A document given as proof with a request: the consumer's signed permission for an authorized
// agent (§7063(a)), a power of attorney (§7063(b)), or a copy of an identity document for a
// reviewer (§7060). The name and bytes are personal: sealed at rest, erased by the retention
// purge, and an identity document as soon as a reviewer decides on it (the row, its kind, size and
// SHA-256 stay as the record).
struct ProofDocument {
  std::string id;  // time-ordered UUID
  std::string request_id;
  std::string kind;          // "agent_permission", "power_of_attorney", "identity_document"
  std::string filename;      // sealed at rest; empty once erased
  std::string content_type;  // as uploaded; never served inline
  std::int64_t size = 0;
  std::string sha256;  // hex, of the bytes
  Instant added_at;
  std::string added_by;
  bool erased = false;
};

// That an account token re-authenticated a request. Not the token, nor its claims: the id is a
// hash of its issuer and jti (security::AccountTokenUseId).
struct AccountTokenUse {
  std::string use_id;  // 64 hex digits
  std::string request_id;
  Instant used_at;
  Instant expires_at;  // the token's exp: a later purge may forget uses past it
};

class VerificationStore {
 public:
  virtual ~VerificationStore() = default;

  // Stores the declaration and appends `recorded` in one transaction. The request must exist
  // (the caller found it); the store's own errors otherwise.
  [[nodiscard]] virtual Result<void> RecordDeclaration(const SignedDeclaration& declaration,
                                                       const AuditEventDraft& recorded) = 0;

  // Stores the token's use and appends `recorded` in one transaction. kAlreadyExists when a use
  // with the same id is stored (the token was used before, for this request or another):
  // nothing is written. The request must exist; the store's own errors otherwise.
  [[nodiscard]] virtual Result<void> RecordAccountTokenUse(const AccountTokenUse& use,
                                                           const AuditEventDraft& recorded) = 0;
  // Forgets the uses of tokens that expired before `expired_before`: such a token is refused
  // for its expiry anyway, so its use no longer guards against a replay. The number forgotten.
  [[nodiscard]] virtual Result<std::int64_t> ForgetAccountTokenUses(Instant expired_before) = 0;

  // The request's declarations, oldest first (empty when none). kDataLoss when a sealed part
  // does not open (tampered with, or another installation's key).
  [[nodiscard]] virtual Result<std::vector<SignedDeclaration>> DeclarationsOf(
      std::string_view request_id) const = 0;

  // Seals and stores the document with `added` (its audit event) in one transaction. The request
  // must exist (the caller found it).
  [[nodiscard]] virtual Result<void> AddDocument(const ProofDocument& document,
                                                 std::span<const std::uint8_t> bytes,
                                                 const AuditEventDraft& added) = 0;
  // The request's documents, oldest first, names opened (no bytes).
  [[nodiscard]] virtual Result<std::vector<ProofDocument>> DocumentsOf(
      std::string_view request_id) const = 0;
  // The document and its bytes, recording `read` (who opened it) in the same transaction.
  // kNotFound for an unknown id; kFailedPrecondition once erased.
  [[nodiscard]] virtual Result<std::pair<ProofDocument, std::vector<std::uint8_t>>> ReadDocument(
      std::string_view id, const AuditEventDraft& read) = 0;
  // Erases the document's name and bytes and appends `erased` (its audit event) in one
  // transaction. kNotFound for an unknown id; kFailedPrecondition when already erased, so that a
  // decision that erases is taken once even when two reviewers race.
  [[nodiscard]] virtual Result<void> EraseDocument(std::string_view id,
                                                   const AuditEventDraft& erased) = 0;
  // Documents of `kind` whose bytes are still held while their request is no longer received or
  // pending verification, oldest first (names not opened).
  [[nodiscard]] virtual Result<std::vector<ProofDocument>> DocumentsHeldPastVerification(
      std::string_view kind) const = 0;
};

}  // namespace rightsdesk::store
