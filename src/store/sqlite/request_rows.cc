#include "store/sqlite/request_rows.h"

#include <nlohmann/json.hpp>

#include "store/sqlite/audit_rows.h"

namespace rightsdesk::store::sqlite {
namespace {

std::string SubjectContext(std::string_view id) {
  return "requests/" + std::string(id) + "/subject";
}
std::string MessageContext(std::string_view id) {
  return "requests/" + std::string(id) + "/message";
}

// The agent travels in the subject's sealed document: both are who the request is about or from.
std::string SubjectJson(const SubjectIdentifiers& s, const AuthorizedAgent& agent) {
  nlohmann::json json = {{"email", s.email},
                         {"name", s.name},
                         {"phone", s.phone},
                         {"address", s.address},
                         {"account_id", s.account_id}};
  if (agent.present()) json["agent"] = {{"name", agent.name}, {"email", agent.email}};
  return json.dump();
}

std::optional<std::string> OptDate(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return FormatDate(*date);
}

std::optional<std::string> OptBasis(const std::optional<DenialBasis>& basis) {
  if (!basis) return std::nullopt;
  return std::string(Name(*basis));
}

std::optional<std::int64_t> OptMicros(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return ToMicros(*at);
}

template <typename T>
Result<T> Parsed(std::optional<T> value, std::string_view column, const std::string& text,
                 std::string_view id) {
  if (value) return *value;
  return Fail(ErrorCode::kDataLoss, "request " + std::string(id) + " has an unreadable " +
                                        std::string(column) + " '" + text + "'");
}

Result<std::optional<Date>> ReadOptDate(const Statement& stmt, int column) {
  if (stmt.IsNull(column)) return std::optional<Date>();
  auto date = ParseDate(stmt.Text(column));
  if (!date) return std::unexpected(Error(ErrorCode::kDataLoss, date.error().message()));
  return std::optional<Date>(*date);
}

}  // namespace

SealedFields RowCodec::Seal(const Request& r) const {
  SealedFields sealed{.subject = sealer.Seal(SubjectJson(r.subject, r.agent), SubjectContext(r.id)),
                      .email_index = index.Of(r.subject.email)};
  if (!r.message.empty()) sealed.message = sealer.Seal(r.message, MessageContext(r.id));
  if (!r.agent.email.empty()) sealed.agent_index = index.Of(r.agent.email);
  return sealed;
}

void RowCodec::BindInsert(Statement& stmt, const Request& r, const SealedFields& sealed) const {
  stmt.Bind(1, r.id)
      .Bind(2, r.reference)
      .Bind(3, Name(r.type))
      .Bind(4, Name(r.status))
      .Bind(5, Name(r.channel))
      .Bind(6, Name(r.priority))
      .Bind(7, r.jurisdiction)
      .Bind(8, r.language)
      .Bind(9, ToMicros(r.received_at))
      .Bind(10, FormatDate(r.received_on))
      .Bind(11, OptDate(r.deadlines.acknowledge_by))
      .Bind(12, FormatDate(r.deadlines.respond_by))
      .Bind(13, OptDate(r.deadlines.extended_respond_by))
      .Bind(14, std::int64_t{r.extended})
      .Bind(15, std::int64_t{r.on_hold})
      .Bind(16, ToMicros(r.due_at))
      .Bind(17, r.assignee)
      .Bind(18, sealed.subject);
  if (sealed.message) {
    stmt.Bind(19, *sealed.message);
  } else {
    stmt.BindNull(19);
  }
  stmt.Bind(20, r.version)
      .Bind(21, ToMicros(r.updated_at))
      .Bind(22, OptMicros(r.closed_at))
      .Bind(23, sealed.email_index);
  if (r.status_token_hash == Hash{}) {
    stmt.BindNull(24);
  } else {
    stmt.Bind(24, r.status_token_hash);
  }
  stmt.Bind(25, nlohmann::json(r.priority_reasons).dump())
      .Bind(26, nlohmann::json(r.scheduler_marks).dump());
  if (r.duplicate_of.empty()) {
    stmt.BindNull(27);
  } else {
    stmt.Bind(27, r.duplicate_of);
  }
  stmt.Bind(28, sealed.agent_index).Bind(29, OptBasis(r.denial_basis));
}

void RowCodec::BindUpdate(Statement& stmt, const Request& r, std::int64_t expected_version,
                          const SealedFields& sealed) const {
  stmt.Bind(1, r.id)
      .Bind(2, expected_version)
      .Bind(3, Name(r.type))
      .Bind(4, Name(r.status))
      .Bind(5, Name(r.priority))
      .Bind(6, r.jurisdiction)
      .Bind(7, r.language)
      .Bind(8, OptDate(r.deadlines.acknowledge_by))
      .Bind(9, FormatDate(r.deadlines.respond_by))
      .Bind(10, OptDate(r.deadlines.extended_respond_by))
      .Bind(11, std::int64_t{r.extended})
      .Bind(12, std::int64_t{r.on_hold})
      .Bind(13, ToMicros(r.due_at))
      .Bind(14, r.assignee)
      .Bind(15, sealed.subject);
  if (sealed.message) {
    stmt.Bind(16, *sealed.message);
  } else {
    stmt.BindNull(16);
  }
  stmt.Bind(17, sealed.email_index)
      .Bind(18, ToMicros(r.updated_at))
      .Bind(19, OptMicros(r.closed_at))
      .Bind(20, nlohmann::json(r.priority_reasons).dump())
      .Bind(21, nlohmann::json(r.scheduler_marks).dump());
  stmt.Bind(22, sealed.agent_index).Bind(23, OptBasis(r.denial_basis));
}

namespace {

// A JSON array of strings (a column this program wrote); false when it is not one.
bool ReadStrings(const std::string& text, std::vector<std::string>& out) {
  auto array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return false;
  for (const auto& item : array) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return true;
}

}  // namespace

Result<Request> RowCodec::Read(const Statement& s) const {
  Request r;
  r.id = s.Text(0);
  r.reference = s.Text(1);
  auto type = Parsed(ParseRequestType(s.Text(2)), "type", s.Text(2), r.id);
  auto status = Parsed(ParseStatus(s.Text(3)), "status", s.Text(3), r.id);
  auto channel = Parsed(ParseChannel(s.Text(4)), "channel", s.Text(4), r.id);
  auto priority = Parsed(ParsePriority(s.Text(5)), "priority", s.Text(5), r.id);
  if (!type) return std::unexpected(type.error());
  if (!status) return std::unexpected(status.error());
  if (!channel) return std::unexpected(channel.error());
  if (!priority) return std::unexpected(priority.error());
  r.type = *type;
  r.status = *status;
  r.channel = *channel;
  r.priority = *priority;
  r.jurisdiction = s.Text(6);
  r.language = s.Text(7);
  r.received_at = FromMicros(s.Int(8));
  auto received_on = ParseDate(s.Text(9));
  auto respond_by = ParseDate(s.Text(11));
  auto ack = ReadOptDate(s, 10);
  auto extended_by = ReadOptDate(s, 12);
  if (!received_on || !respond_by || !ack || !extended_by) {
    return Fail(ErrorCode::kDataLoss, "request " + r.id + " has an unreadable date");
  }
  r.received_on = *received_on;
  r.deadlines = {
      .acknowledge_by = *ack, .respond_by = *respond_by, .extended_respond_by = *extended_by};
  r.extended = s.Int(13) != 0;
  r.on_hold = s.Int(14) != 0;
  r.due_at = FromMicros(s.Int(15));
  r.assignee = s.Text(16);
  auto subject_text = sealer.Open(s.Blob(17), SubjectContext(r.id));
  if (!subject_text) return std::unexpected(subject_text.error());
  auto subject = nlohmann::json::parse(*subject_text, nullptr, false);
  if (!subject.is_object()) return Fail(ErrorCode::kDataLoss, "request " + r.id + ": bad subject");
  r.subject = {.email = subject.value("email", ""),
               .name = subject.value("name", ""),
               .phone = subject.value("phone", ""),
               .address = subject.value("address", ""),
               .account_id = subject.value("account_id", "")};
  if (auto agent = subject.find("agent"); agent != subject.end() && agent->is_object()) {
    r.agent = {.name = agent->value("name", ""), .email = agent->value("email", "")};
  }
  if (!s.IsNull(18)) {
    auto message = sealer.Open(s.Blob(18), MessageContext(r.id));
    if (!message) return std::unexpected(message.error());
    r.message = *message;
  }
  r.version = s.Int(19);
  r.updated_at = FromMicros(s.Int(20));
  if (!s.IsNull(21)) r.closed_at = FromMicros(s.Int(21));
  if (!s.IsNull(22)) r.status_token_hash = FixedBytes<32>(s.Blob(22));
  if (!ReadStrings(s.Text(23), r.priority_reasons) || !ReadStrings(s.Text(24), r.scheduler_marks)) {
    return Fail(ErrorCode::kDataLoss,
                "request " + r.id + " has unreadable priority reasons or marks");
  }
  if (!s.IsNull(25)) r.purged_at = FromMicros(s.Int(25));
  if (!s.IsNull(26)) r.duplicate_of = s.Text(26);
  if (!s.IsNull(27)) {
    auto basis = Parsed(ParseDenialBasis(s.Text(27)), "denial basis", s.Text(27), r.id);
    if (!basis) return std::unexpected(basis.error());
    r.denial_basis = *basis;
  }
  return r;
}

}  // namespace rightsdesk::store::sqlite
