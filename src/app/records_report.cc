#include "app/records_report.h"

#include "fulfil/package_files.h"

namespace rightsdesk::app {
namespace {

Result<Date> RecordsDate(std::string_view text, const char* field) {
  if (text.size() == 10) {
    if (auto date = ParseDate(text)) return *date;
  }
  return Fail(ErrorCode::kInvalidArgument, std::string(field + 1) + " must be a date YYYY-MM-DD",
              field);
}

nlohmann::ordered_json InstantOrNull(const std::optional<Instant>& at) {
  if (!at) return nullptr;
  return FormatInstant(*at);
}

std::string RecordsCsvLine(const RequestRecord& r) {
  using fulfil::CsvCell;
  const auto basis = r.denial_basis();
  std::string line;
  for (const std::string& cell :
       {CsvCell(r.reference), CsvCell(Name(r.type)), CsvCell(Name(r.channel)),
        CsvCell(r.jurisdiction), FormatDate(r.received_on), FormatInstant(r.received_at),
        CsvCell(Name(r.status)), std::string(r.extended ? "true" : "false"),
        CsvCell(Name(r.response())), r.responded_at ? FormatInstant(*r.responded_at) : "",
        basis ? CsvCell(Name(*basis)) : "", basis ? CsvCell(r.denial_reason) : "",
        CsvCell(r.duplicate_of), r.purged_at ? FormatInstant(*r.purged_at) : ""}) {
    if (!line.empty()) line += ',';
    line += cell;
  }
  return line + "\r\n";
}

}  // namespace

Result<RecordsPeriod> ParseRecordsPeriod(std::string_view from, std::string_view to) {
  auto first = RecordsDate(from, "/from");
  if (!first) return std::unexpected(first.error());
  auto end = RecordsDate(to, "/to");
  if (!end) return std::unexpected(end.error());
  if (*end <= *first) {
    return Fail(ErrorCode::kInvalidArgument, "to must be after from", "/to");
  }
  return RecordsPeriod{.from = *first, .to = *end};
}

Result<RecordsFormat> ParseRecordsFormat(std::string_view name) {
  if (name == "json") return RecordsFormat::kJson;
  if (name == "csv") return RecordsFormat::kCsv;
  return Fail(ErrorCode::kInvalidArgument,
              "format must be json or csv, not '" + std::string(name) + "'", "/format");
}

Result<std::vector<RequestRecord>> RecordsReceived(const Services& services,
                                                   const RecordsPeriod& period) {
  std::vector<RequestRecord> records;
  auto read = services.requests.ForEachRecord(
      period.from, period.to, [&](const RequestRecord& record) { records.push_back(record); });
  if (!read) return std::unexpected(read.error());
  return records;
}

Result<RequestRecord> RecordOfRequest(const Services& services, std::string_view reference_or_id) {
  return services.requests.FindRecord(reference_or_id);
}

nlohmann::ordered_json RecordJson(const RequestRecord& r) {
  nlohmann::ordered_json denial = nullptr;
  if (auto basis = r.denial_basis()) {
    denial = {{"basis", Name(*basis)}, {"reason", r.denial_reason}};
  }
  nlohmann::ordered_json duplicate_of = nullptr;
  if (!r.duplicate_of.empty()) duplicate_of = r.duplicate_of;
  return {{"reference", r.reference},
          {"type", Name(r.type)},
          {"channel", Name(r.channel)},
          {"jurisdiction", r.jurisdiction},
          {"received_on", FormatDate(r.received_on)},
          {"received_at", FormatInstant(r.received_at)},
          {"status", Name(r.status)},
          {"extended", r.extended},
          {"response", {{"nature", Name(r.response())}, {"at", InstantOrNull(r.responded_at)}}},
          {"denial", denial},
          {"duplicate_of", duplicate_of},
          {"purged_at", InstantOrNull(r.purged_at)}};
}

nlohmann::ordered_json RecordsJson(const RecordsPeriod& period,
                                   const std::vector<RequestRecord>& records) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RequestRecord& r : records) list.push_back(RecordJson(r));
  return {{"from", FormatDate(period.from)},
          {"to", FormatDate(period.to)},
          {"count", records.size()},
          {"records", std::move(list)}};
}

std::string RecordsCsv(const std::vector<RequestRecord>& records) {
  std::string csv =
      "reference,type,channel,jurisdiction,received_on,received_at,status,extended,response,"
      "responded_at,denial_basis,denial_reason,duplicate_of,purged_at\r\n";
  for (const RequestRecord& r : records) csv += RecordsCsvLine(r);
  return csv;
}

}  // namespace rightsdesk::app
