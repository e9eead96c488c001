#include "config/rules_loader.h"

#include <sstream>

#include "config/calendar_loader.h"
#include "config/embedded_rules.h"
#include "config/toml_fields.h"
#include "core/status.h"

namespace rightsdesk::config {
namespace {

using TableVisitor = Result<void> (*)(const toml::table&, const std::string&, Origin, Ruleset&);

// Calls `visit` for each table of the array `key` in `doc`, naming each "<source>: key #n".
Result<void> ForEachEntry(const toml::table& doc, std::string_view source, std::string_view key,
                          Origin origin, Ruleset& into, TableVisitor visit) {
  const toml::node* node = doc.get(key);
  if (!node) return {};
  const toml::array* array = node->as_array();
  if (!array) {
    return Fail(ErrorCode::kInvalidArgument, std::string(source) + ": " + std::string(key) +
                                                 " must be an array of tables ([[" +
                                                 std::string(key) + "]])");
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::string where =
        std::string(source) + ": " + std::string(key) + " #" + std::to_string(i + 1);
    const toml::table* table = array->get(i)->as_table();
    if (!table) return Fail(ErrorCode::kInvalidArgument, where + ": must be a table");
    if (auto done = visit(*table, where, origin, into); !done) return done;
  }
  return {};
}

Result<void> LoadJurisdiction(const toml::table& table, const std::string& where, Origin origin,
                              Ruleset& into) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"id", "name", "law", "time_zone", "calendar"});
  Jurisdiction j{.id = f.String("id"),
                 .name = f.OptString("name").value_or(""),
                 .law = f.OptString("law").value_or(""),
                 .time_zone = f.OptString("time_zone"),
                 .calendar = f.OptString("calendar")};
  if (f.failed()) return std::unexpected(*f.error());
  if (j.name.empty()) j.name = j.id;
  if (origin == Origin::kCompany) {
    into.table().ReplaceJurisdiction(std::move(j));
    return {};
  }
  return WithContext(into.table().AddJurisdiction(std::move(j)), where);
}

std::optional<VerificationLevel> LevelField(TomlFields& f, std::string_view key) {
  auto text = f.OptString(key);
  if (!text) return std::nullopt;
  auto level = ParseVerificationLevel(*text);
  if (!level) f.Problem(key, "must be one of " + VerificationLevelNames());
  return level;
}

// An optional duty: a period, or "none" to remove the duty a company's row would inherit.
std::optional<Period> PeriodOrNone(TomlFields& f, std::string_view key, bool& cleared) {
  if (const toml::node* node = f.OptNode(key); node && node->value<std::string>() == "none") {
    cleared = true;
    return std::nullopt;
  }
  return f.OptPeriod(key);
}

std::vector<RequestType> TypesField(TomlFields& f) {
  std::vector<RequestType> types;
  for (const std::string& name : f.StringArray("types")) {
    auto type = ParseRequestType(name);
    if (!type) {
      f.Problem("types", "'" + name + "' is not a request type (" + RequestTypeNames() + ")");
    } else {
      types.push_back(*type);
    }
  }
  return types;
}

Result<void> LoadRule(const toml::table& table, const std::string& where, Origin origin,
                      Ruleset& into) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"jurisdiction", "types", "effective_from", "effective_until", "verification",
                    "verification_sensitive", "acknowledge", "respond", "extension", "appeal",
                    "citation"});
  RuleOverride row{.jurisdiction = f.String("jurisdiction"),
                   .effective_from = f.RequiredDate("effective_from"),
                   .effective_until = f.OptDate("effective_until"),
                   .verification = LevelField(f, "verification"),
                   .verification_sensitive = LevelField(f, "verification_sensitive"),
                   .respond = f.OptPeriod("respond"),
                   .citation = f.OptString("citation")};
  row.acknowledge = PeriodOrNone(f, "acknowledge", row.clear_acknowledge);
  row.extension = PeriodOrNone(f, "extension", row.clear_extension);
  row.appeal = PeriodOrNone(f, "appeal", row.clear_appeal);
  std::vector<RequestType> types = TypesField(f);
  if (row.effective_until && *row.effective_until < row.effective_from) {
    f.Problem("effective_until", "is before effective_from");
  }
  if (origin == Origin::kDefaults) {
    if (!row.verification) f.Problem("verification", "is required");
    if (!row.respond) f.Problem("respond", "is required");
  }
  if (f.failed()) return std::unexpected(*f.error());
  for (RequestType type : types) {
    row.type = type;
    Result<void> done;
    if (origin == Origin::kDefaults) {
      done = into.table().AddRule(Rule{.jurisdiction = row.jurisdiction,
                                       .type = type,
                                       .effective_from = row.effective_from,
                                       .effective_until = row.effective_until,
                                       .verification = *row.verification,
                                       .verification_sensitive = row.verification_sensitive,
                                       .acknowledge = row.acknowledge,
                                       .respond = *row.respond,
                                       .extension = row.extension,
                                       .appeal = row.appeal,
                                       .citation = row.citation.value_or("")});
    } else {
      done = into.table().ApplyOverride(row);
    }
    if (!done) return WithContext(std::move(done), where);
  }
  return {};
}

Result<void> LoadCalendarEntry(const toml::table& table, const std::string& where, Origin,
                               Ruleset& into) {
  auto calendar = LoadCalendar(table, where);
  if (!calendar) return std::unexpected(calendar.error());
  into.PutCalendar(std::move(*calendar));
  return {};
}

// A calendar without effective_from replaces every version of its id, so a document's undated
// calendars are put first and its dated versions after them: the order of the entries in the
// file does not matter.
Result<void> LoadUndatedCalendar(const toml::table& table, const std::string& where, Origin origin,
                                 Ruleset& into) {
  if (table.contains("effective_from")) return {};
  return LoadCalendarEntry(table, where, origin, into);
}

Result<void> LoadDatedCalendar(const toml::table& table, const std::string& where, Origin origin,
                               Ruleset& into) {
  if (!table.contains("effective_from")) return {};
  return LoadCalendarEntry(table, where, origin, into);
}

// A [[change]] entry of the change log (core/rules_changelog.h); the company's own are marked so.
Result<void> LoadChange(const toml::table& table, const std::string& where, Origin origin,
                        Ruleset& into) {
  TomlFields f(table, where);
  f.CheckKnownKeys(
      {"version", "published", "effective", "area", "summary", "source", "reviewed_by"});
  RuleChange change{.version = f.String("version"),
                    .published = f.RequiredDate("published"),
                    .effective = f.RequiredDate("effective"),
                    .summary = f.String("summary"),
                    .source = f.String("source"),
                    .reviewed_by = f.String("reviewed_by"),
                    .company = origin == Origin::kCompany};
  std::string area = f.String("area");
  if (auto parsed = ParseChangeArea(area)) {
    change.area = *parsed;
  } else if (!f.failed()) {
    f.Problem("area", "must be rules or calendar");
  }
  for (std::string_view key : {"version", "summary", "source", "reviewed_by"}) {
    if (!f.failed() && f.OptString(key).value_or("").empty()) f.Problem(key, "must not be empty");
  }
  if (f.failed()) return std::unexpected(*f.error());
  return WithContext(into.changelog().Add(std::move(change)), where);
}

// The shipped rule set's `version` (rules/changelog.toml). A company's file has none: its
// changes carry their own versions.
Result<void> LoadVersion(const toml::table& doc, std::string_view source, Origin origin,
                         Ruleset& into) {
  const toml::node* node = doc.get("version");
  if (!node) return {};
  auto version = node->value<std::string>();
  if (origin == Origin::kCompany || !version || version->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(source) + ": version " +
                    (origin == Origin::kCompany
                         ? "belongs to the shipped rules; record a [[change]] with its own version"
                         : "must be a non-empty string"));
  }
  if (!into.changelog().shipped_version().empty()) {
    return Fail(ErrorCode::kAlreadyExists, std::string(source) + ": version is given twice");
  }
  into.changelog().set_shipped_version(*version);
  return {};
}

Result<void> LoadBusiness(const toml::table& doc, std::string_view source, Ruleset& into) {
  const toml::node* node = doc.get("business");
  if (!node) return {};
  const toml::table* table = node->as_table();
  std::string where = std::string(source) + ": [business]";
  if (!table) return Fail(ErrorCode::kInvalidArgument, where + " must be a table");
  TomlFields f(*table, where);
  f.CheckKnownKeys(
      {"name", "time_zone", "calendar", "default_jurisdiction", "status_updates", "drp_id"});
  BusinessSettings& b = into.business();
  b.name = f.OptString("name").value_or(b.name);
  b.time_zone = f.OptString("time_zone").value_or(b.time_zone);
  b.calendar = f.OptString("calendar").value_or(b.calendar);
  b.default_jurisdiction = f.OptString("default_jurisdiction").value_or(b.default_jurisdiction);
  b.drp_id = f.OptString("drp_id").value_or(b.drp_id);
  auto updates = f.OptStringArray("status_updates");
  if (f.failed()) return std::unexpected(*f.error());
  if (updates) {
    b.status_updates.clear();
    for (const std::string& name : *updates) {
      auto status = ParseStatus(name);
      if (!status) {
        return Fail(ErrorCode::kInvalidArgument,
                    where + ": status_updates: '" + name + "' is not one of " + StatusNames());
      }
      b.status_updates.insert(*status);
    }
  }
  return {};
}

}  // namespace

Result<toml::table> ParseToml(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << source << ":" << e.source().begin.line << ":" << e.source().begin.column;
    return Fail(ErrorCode::kInvalidArgument, where.str() + ": " + std::string(e.description()));
  }
}

Result<void> LoadRules(const toml::table& doc, std::string_view source, Origin origin,
                       Ruleset& into) {
  if (origin == Origin::kCompany) {
    if (auto done = LoadBusiness(doc, source, into); !done) return done;
  }
  if (auto done = LoadVersion(doc, source, origin, into); !done) return done;
  if (auto done = ForEachEntry(doc, source, "change", origin, into, LoadChange); !done) {
    return done;
  }
  for (TableVisitor visit : {LoadUndatedCalendar, LoadDatedCalendar}) {
    if (auto done = ForEachEntry(doc, source, "calendar", origin, into, visit); !done) return done;
  }
  if (auto done = ForEachEntry(doc, source, "jurisdiction", origin, into, LoadJurisdiction);
      !done) {
    return done;
  }
  return ForEachEntry(doc, source, "rule", origin, into, LoadRule);
}

Result<Ruleset> DefaultRuleset() {
  Ruleset ruleset;
  for (const EmbeddedFile& file : EmbeddedRules()) {
    auto doc = ParseToml(file.contents, file.name);
    if (!doc) return std::unexpected(doc.error());
    if (auto done = LoadRules(*doc, file.name, Origin::kDefaults, ruleset); !done) {
      return std::unexpected(done.error());
    }
  }
  for (const EmbeddedFile& file : EmbeddedScreeningLists()) {
    auto added = ruleset.screening().disposable_domains.AddList(file.contents, file.name);
    if (!added) return std::unexpected(added.error());
  }
  if (auto valid = ruleset.Validate(); !valid) return std::unexpected(valid.error());
  if (auto valid = ruleset.changelog().Validate(); !valid) return std::unexpected(valid.error());
  return ruleset;
}

}  // namespace rightsdesk::config
