#include "app/audit_export.h"

#include <nlohmann/json.hpp>

#include "core/hex.h"

namespace rightsdesk::app {
namespace {

using nlohmann::json;

template <std::size_t N>
std::string Hex(const std::array<std::uint8_t, N>& bytes) {
  return ToHex(bytes);
}

// Reads fields of one JSON object, remembering the first problem.
class FieldReader {
 public:
  explicit FieldReader(const json& object) : object_(object) {}

  const json* Get(const char* key, json::value_t type) {
    if (error_) return nullptr;
    auto it = object_.find(key);
    bool number_ok =
        type == json::value_t::number_integer && it != object_.end() && it->is_number_integer();
    if (it == object_.end() || (!number_ok && it->type() != type)) {
      error_ = std::string("field '") + key + "' is missing or has the wrong type";
      return nullptr;
    }
    return &*it;
  }
  std::string String(const char* key) {
    const json* v = Get(key, json::value_t::string);
    return v ? v->get<std::string>() : std::string();
  }
  std::int64_t Int(const char* key) {
    const json* v = Get(key, json::value_t::number_integer);
    return v ? v->get<std::int64_t>() : 0;
  }
  Instant Time(const char* key) {
    std::string text = String(key);
    if (error_) return {};
    auto at = ParseInstant(text);
    if (!at) error_ = std::string("field '") + key + "' is not an RFC 3339 time";
    return at ? *at : Instant{};
  }
  template <std::size_t N>
  std::array<std::uint8_t, N> Bytes(const char* key) {
    std::array<std::uint8_t, N> out{};
    std::string text = String(key);
    if (error_) return out;
    auto bytes = FromHex(text);
    if (!bytes || bytes->size() != N) {
      error_ = std::string("field '") + key + "' is not " + std::to_string(N) + " hex bytes";
      return out;
    }
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
  }
  const std::optional<std::string>& error() const { return error_; }

 private:
  const json& object_;
  std::optional<std::string> error_;
};

Result<json> ParseObject(std::string_view line) {
  json value = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "not a JSON object");
  }
  return value;
}

Result<Checkpoint> ReadCheckpoint(const json& value) {
  if (!value.is_object()) return Fail(ErrorCode::kInvalidArgument, "a checkpoint is not an object");
  FieldReader f(value);
  Checkpoint cp{.seq = f.Int("seq"),
                .hash = f.Bytes<32>("hash"),
                .at = f.Time("at"),
                .signer = f.Bytes<32>("signer"),
                .signature = f.Bytes<64>("signature")};
  if (f.error()) return Fail(ErrorCode::kInvalidArgument, "checkpoint: " + *f.error());
  return cp;
}

}  // namespace

std::string FormatHeaderLine(const ExportHeader& header) {
  json checkpoints = json::array();
  for (const Checkpoint& cp : header.checkpoints) {
    checkpoints.push_back({{"seq", cp.seq},
                           {"hash", Hex(cp.hash)},
                           {"at", FormatInstant(cp.at)},
                           {"signer", Hex(cp.signer)},
                           {"signature", Hex(cp.signature)}});
  }
  json head = nullptr;
  if (header.head) head = {{"seq", header.head->first}, {"hash", Hex(header.head->second)}};
  return json{{"format", kAuditExportFormat},
              {"public_key", Hex(header.public_key)},
              {"exported_at", FormatInstant(header.exported_at)},
              {"head", head},
              {"checkpoints", checkpoints}}
      .dump();
}

std::string FormatEventLine(const AuditEvent& e) {
  return json{{"seq", e.seq},
              {"request_id", e.request_id},
              {"actor", e.actor},
              {"action", e.action},
              {"at", FormatInstant(e.at)},
              {"details", e.details},
              {"prev_hash", Hex(e.prev_hash)},
              {"hash", Hex(e.hash)}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<ExportHeader> ParseHeaderLine(std::string_view line) {
  auto value = ParseObject(line);
  if (!value) return std::unexpected(value.error().WithContext("header"));
  FieldReader f(*value);
  if (std::string format = f.String("format"); !f.error() && format != kAuditExportFormat) {
    return Fail(ErrorCode::kInvalidArgument,
                "header: format '" + format + "' is not " + std::string(kAuditExportFormat));
  }
  ExportHeader header{.public_key = f.Bytes<32>("public_key"),
                      .exported_at = f.Time("exported_at")};
  const json* checkpoints = f.Get("checkpoints", json::value_t::array);
  if (f.error()) return Fail(ErrorCode::kInvalidArgument, "header: " + *f.error());
  for (const json& item : *checkpoints) {
    auto cp = ReadCheckpoint(item);
    if (!cp) return std::unexpected(cp.error().WithContext("header"));
    header.checkpoints.push_back(*cp);
  }
  auto head = value->find("head");
  if (head != value->end() && !head->is_null()) {
    if (!head->is_object()) return Fail(ErrorCode::kInvalidArgument, "header: bad 'head'");
    FieldReader h(*head);
    std::pair<std::int64_t, Hash> recorded{h.Int("seq"), h.Bytes<32>("hash")};
    if (h.error()) return Fail(ErrorCode::kInvalidArgument, "header: head " + *h.error());
    header.head = recorded;
  }
  return header;
}

Result<AuditEvent> ParseEventLine(std::string_view line) {
  auto value = ParseObject(line);
  if (!value) return std::unexpected(value.error());
  FieldReader f(*value);
  AuditEvent event{.seq = f.Int("seq"),
                   .request_id = f.String("request_id"),
                   .actor = f.String("actor"),
                   .action = f.String("action"),
                   .at = f.Time("at"),
                   .details = f.String("details"),
                   .prev_hash = f.Bytes<32>("prev_hash"),
                   .hash = f.Bytes<32>("hash")};
  if (f.error()) return Fail(ErrorCode::kInvalidArgument, *f.error());
  return event;
}

}  // namespace rightsdesk::app
