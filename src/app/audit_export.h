// The audit export file: JSON lines, so that a trail of any length is written and checked in
// constant memory, and so that it is readable with ordinary tools.
//   line 1: {"format":"rightsdesk.audit.v1","public_key":HEX,"exported_at":TIME,
//            "head":{"seq":N,"hash":HEX}|null,"checkpoints":[{"seq","hash","at","signer",
//            "signature"}...]}
//   then one line per event in chain order:
//            {"seq","request_id","actor","action","at","details","prev_hash","hash"}
// `details` is the canonical JSON text exactly as hashed. The file is outside input when it is
// verified: the parsers reject anything malformed with the line's problem, never crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_chain.h"
#include "core/error.h"

namespace rightsdesk::app {

inline constexpr std::string_view kAuditExportFormat = "rightsdesk.audit.v1";

struct ExportHeader {
  PublicKey public_key{};
  Instant exported_at;
  std::optional<std::pair<std::int64_t, Hash>> head;
  std::vector<Checkpoint> checkpoints;
};

std::string FormatHeaderLine(const ExportHeader& header);
std::string FormatEventLine(const AuditEvent& event);

// kInvalidArgument naming the first malformed field.
Result<ExportHeader> ParseHeaderLine(std::string_view line);
Result<AuditEvent> ParseEventLine(std::string_view line);

}  // namespace rightsdesk::app
