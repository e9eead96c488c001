#include "config/datamap_loader.h"

#include <fstream>
#include <sstream>

#include "config/http_map_loader.h"
#include "config/rules_loader.h"
#include "config/toml_fields.h"

namespace rightsdesk::config {
namespace {

Result<void> Bad(const std::string& where, std::string_view what) {
  return Fail(ErrorCode::kInvalidArgument, where + ": " + std::string(what));
}

template <typename T>
Result<T> Parsed(std::optional<T> value, const std::string& where, std::string_view key,
                 std::string_view name, const std::string& accepted) {
  if (!value) {
    return Fail(ErrorCode::kInvalidArgument, where + ": " + std::string(key) + ": '" +
                                                 std::string(name) + "' is not one of " + accepted);
  }
  return *value;
}

// An inline table (`exception = { basis = "...", explanation = "..." }`) or nullptr.
Result<const toml::table*> InlineTable(TomlFields& f, std::string_view key) {
  const toml::node* node = f.OptNode(key);
  if (!node) return nullptr;
  if (!node->is_table())
    return Fail(ErrorCode::kInvalidArgument,
                f.where() + ": " + std::string(key) + " must be a table");
  return node->as_table();
}

Result<std::optional<RetentionException>> LoadException(TomlFields& parent,
                                                        const std::string& where) {
  auto table = InlineTable(parent, "exception");
  if (!table) return std::unexpected(table.error());
  if (!*table) return std::nullopt;
  TomlFields f(**table, where + ": exception");
  f.CheckKnownKeys({"basis", "explanation"});
  std::string basis = f.String("basis");
  std::string explanation = f.String("explanation");
  if (f.failed()) return std::unexpected(*f.error());
  auto parsed =
      Parsed(ParseExceptionBasis(basis), f.where(), "basis", basis, ExceptionBasisNames());
  if (!parsed) return std::unexpected(parsed.error());
  if (explanation.empty())
    return std::unexpected(Error(ErrorCode::kInvalidArgument,
                                 f.where() + ": explanation is required (consumers read it)"));
  return RetentionException{.basis = *parsed, .explanation = std::move(explanation)};
}

Result<FieldMap> LoadField(const toml::table& table, const std::string& where) {
  TomlFields f(table, where);
  f.CheckKnownKeys({"column", "category", "erase", "withhold", "exception"});
  FieldMap field;
  field.column = f.String("column");
  std::string category = f.String("category");
  std::string erase = f.OptString("erase").value_or("keep");
  auto withhold = f.OptString("withhold");
  if (f.failed()) return std::unexpected(*f.error());
  const std::string at = where + " (" + field.column + ")";
  auto parsed_category =
      Parsed(ParsePiCategory(category), at, "category", category, PiCategoryNames());
  if (!parsed_category) return std::unexpected(parsed_category.error());
  field.category = *parsed_category;
  auto parsed_erase =
      Parsed(ParseFieldErasure(erase), at, "erase", erase, "keep, null, hash, redact");
  if (!parsed_erase) return std::unexpected(parsed_erase.error());
  field.erasure = *parsed_erase;
  if (withhold) {
    auto parsed = Parsed(ParseWithheld(*withhold), at, "withhold", *withhold, WithheldNames());
    if (!parsed) return std::unexpected(parsed.error());
    field.withheld = *parsed;
  }
  auto exception = LoadException(f, at);
  if (!exception) return std::unexpected(exception.error());
  field.exception = std::move(*exception);
  return field;
}

Result<void> LoadIdentity(TomlFields& f, TableMap& table) {
  auto identity = InlineTable(f, "identity");
  if (!identity) return std::unexpected(identity.error());
  if (!*identity) return {};
  for (const auto& [key, value] : **identity) {
    auto kind = ParseIdentityKind(key.str());
    if (!kind)
      return Bad(f.where() + ": identity",
                 "'" + std::string(key.str()) + "' is not one of email, phone, account_id");
    auto column = value.value<std::string>();
    if (!column)
      return Bad(f.where() + ": identity." + std::string(key.str()), "must be a column name");
    table.identity.push_back({.kind = *kind, .column = *column});
  }
  return {};
}

Result<void> LoadLink(TomlFields& f, TableMap& table) {
  auto link = InlineTable(f, "link");
  if (!link) return std::unexpected(link.error());
  if (!*link) return {};
  TomlFields l(**link, f.where() + ": link");
  l.CheckKnownKeys({"parent", "column", "parent_column"});
  TableLink parsed{.parent_table = l.String("parent"),
                   .column = l.String("column"),
                   .parent_column = l.String("parent_column")};
  if (l.failed()) return std::unexpected(*l.error());
  table.link = std::move(parsed);
  return {};
}

// `verify = { name = ["FirstName", "LastName"], address = ["Address", "City", "PostalCode"] }`:
// the columns compared with the consumer's name and address (core/data_point_match.h). Each must
// be a field of the table, so checked once the fields are loaded.
Result<void> LoadVerifyColumns(TomlFields& f, TableMap& table, const std::string& at) {
  auto verify = InlineTable(f, "verify");
  if (!verify) return std::unexpected(verify.error());
  if (!*verify) return {};
  TomlFields v(**verify, at + ": verify");
  v.CheckKnownKeys({"name", "address"});
  table.name_columns = v.OptStringArray("name").value_or(std::vector<std::string>{});
  table.address_columns = v.OptStringArray("address").value_or(std::vector<std::string>{});
  if (v.failed()) return std::unexpected(*v.error());
  for (const auto* columns : {&table.name_columns, &table.address_columns}) {
    for (const auto& column : *columns) {
      if (table.Field(column) == nullptr) {
        return Bad(at + ": verify", "'" + column + "' is not one of the table's fields");
      }
    }
  }
  return {};
}

Result<TableMap> LoadTable(const toml::table& doc, const std::string& where) {
  TomlFields f(doc, where);
  f.CheckKnownKeys({"name", "key", "identity", "link", "erase", "exception", "fields", "verify",
                    // connector = "http" (http_map_loader.h)
                    "search", "records", "next", "page_param", "first_page", "cursor",
                    "cursor_param", "max_pages", "read", "record", "delete", "update"});
  TableMap table;
  table.name = f.String("name");
  table.key = f.String("key");
  std::string erase = f.OptString("erase").value_or("update");
  const toml::array* fields = f.OptArray("fields");
  if (f.failed()) return std::unexpected(*f.error());
  const std::string at = where + " (" + table.name + ")";
  auto parsed = Parsed(ParseRowErasure(erase), at, "erase", erase, "update, delete_row, keep");
  if (!parsed) return std::unexpected(parsed.error());
  table.erasure = *parsed;
  for (auto* step : {&LoadIdentity, &LoadLink}) {
    if (auto done = step(f, table); !done) return std::unexpected(done.error());
  }
  auto exception = LoadException(f, at);
  if (!exception) return std::unexpected(exception.error());
  table.exception = std::move(*exception);
  if (!fields || fields->empty())
    return std::unexpected(Error(ErrorCode::kInvalidArgument,
                                 at + ": fields: list the columns that hold personal information"));
  for (std::size_t i = 0; i < fields->size(); ++i) {
    const toml::table* entry = fields->get(i)->as_table();
    const std::string field_where = at + ": field #" + std::to_string(i + 1);
    if (!entry)
      return std::unexpected(Error(ErrorCode::kInvalidArgument, field_where + " is not a table"));
    auto field = LoadField(*entry, field_where);
    if (!field) return std::unexpected(field.error());
    table.fields.push_back(std::move(*field));
  }
  if (auto verify = LoadVerifyColumns(f, table, at); !verify) {
    return std::unexpected(verify.error());
  }
  auto http = LoadHttpCollection(f);
  if (!http) return std::unexpected(http.error());
  table.http = std::move(*http);
  return table;
}

Result<ConnectorSettings> LoadConnector(TomlFields& f, const std::filesystem::path& base_dir) {
  ConnectorSettings connector;
  std::string kind = f.String("connector");
  connector.path = f.OptString("path").value_or("");
  connector.conninfo = f.OptString("conninfo").value_or("");
  connector.format = f.OptString("format").value_or("");
  connector.password_env = f.OptString("password_env").value_or("");
  if (auto n = f.OptInt("timeout_seconds", 1, 3600)) connector.timeout_seconds = int(*n);
  if (auto n = f.OptInt("retries", 0, 10)) connector.retries = int(*n);
  if (f.failed()) return std::unexpected(*f.error());
  auto parsed = Parsed(ParseConnectorKind(kind), f.where(), "connector", kind,
                       "sqlite, postgres, mysql, files, manual, http");
  if (!parsed) return std::unexpected(parsed.error());
  connector.kind = *parsed;
  auto http = LoadHttpConnection(f);
  if (!http) return std::unexpected(http.error());
  connector.http = std::move(*http);
  // A password written here would sit in a file staff read and copy; libpq and the mysql:// URL
  // would also read it from a URI's user:password@ part.
  const std::string& info = connector.conninfo;
  if (info.find("password") != std::string::npos ||
      (info.find("://") != std::string::npos && info.find('@') != std::string::npos &&
       info.find(':', info.find("://") + 3) < info.find('@'))) {
    return Fail(ErrorCode::kInvalidArgument,
                f.where() +
                    ": conninfo must not hold a password: name its environment variable "
                    "in password_env");
  }
  if (!connector.path.empty() && std::filesystem::path(connector.path).is_relative()) {
    connector.path = (base_dir / connector.path).lexically_normal().string();
  }
  return connector;
}

Result<SystemMap> LoadSystem(const toml::table& doc, const std::string& where,
                             const std::filesystem::path& base_dir) {
  TomlFields f(doc, where);
  RefuseWrittenSecrets(f);
  f.CheckKnownKeys({"name", "description", "owner", "connector", "path", "conninfo", "password_env",
                    "format", "timeout_seconds", "retries", "purposes", "sources", "recipients",
                    "retention", "table",
                    // connector = "http" (http_map_loader.h)
                    "base_url", "bearer_env", "header", "header_env", "user", "health"});
  SystemMap system;
  system.name = f.String("name");
  system.description = f.OptString("description").value_or("");
  system.owner = f.OptString("owner").value_or("");
  system.purposes = f.StringArray("purposes");
  system.sources = f.StringArray("sources");
  system.recipients = f.OptStringArray("recipients").value_or(std::vector<std::string>{});
  system.retention = f.String("retention");
  const toml::array* tables = f.OptArray("table");
  if (f.failed()) return std::unexpected(*f.error());
  auto connector = LoadConnector(f, base_dir);
  if (!connector) return std::unexpected(connector.error());
  system.connector = std::move(*connector);
  for (std::size_t i = 0; tables && i < tables->size(); ++i) {
    const toml::table* entry = tables->get(i)->as_table();
    const std::string table_where =
        where + " (" + system.name + "): [[system.table]] #" + std::to_string(i + 1);
    if (!entry)
      return std::unexpected(Error(ErrorCode::kInvalidArgument, table_where + " is not a table"));
    auto table = LoadTable(*entry, table_where);
    if (!table) return std::unexpected(table.error());
    system.tables.push_back(std::move(*table));
  }
  return system;
}

Result<Recipient> LoadRecipient(const toml::table& doc, const std::string& where) {
  TomlFields f(doc, where);
  f.CheckKnownKeys({"name", "kind", "categories", "notify_email", "notify_webhook"});
  Recipient recipient;
  recipient.name = f.String("name");
  std::string kind = f.String("kind");
  auto categories = f.StringArray("categories");
  recipient.notify_email = f.OptString("notify_email").value_or("");
  recipient.notify_webhook = f.OptString("notify_webhook").value_or("");
  if (f.failed()) return std::unexpected(*f.error());
  auto parsed = Parsed(ParseRecipientKind(kind), where, "kind", kind,
                       "service_provider, contractor, third_party");
  if (!parsed) return std::unexpected(parsed.error());
  recipient.kind = *parsed;
  for (const auto& name : categories) {
    auto category = Parsed(ParsePiCategory(name), where, "categories", name, PiCategoryNames());
    if (!category) return std::unexpected(category.error());
    recipient.categories.push_back(*category);
  }
  if (!recipient.notify_webhook.empty() && !recipient.notify_webhook.starts_with("https://") &&
      !recipient.notify_webhook.starts_with("http://127.0.0.1") &&
      !recipient.notify_webhook.starts_with("http://localhost")) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, where + ": notify_webhook must be an https URL"));
  }
  return recipient;
}

template <typename T, typename Load>
Result<std::vector<T>> LoadEach(const toml::table& doc, std::string_view source,
                                std::string_view key, Load load) {
  std::vector<T> out;
  const toml::node* node = doc.get(key);
  if (!node) return out;
  const toml::array* entries = node->as_array();
  const std::string what = std::string(source) + ": [[" + std::string(key) + "]]";
  if (!entries) return Fail(ErrorCode::kInvalidArgument, what + " must be an array of tables");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const toml::table* table = entries->get(i)->as_table();
    const std::string where = what + " #" + std::to_string(i + 1);
    if (!table) return Fail(ErrorCode::kInvalidArgument, where + " is not a table");
    auto item = load(*table, where);
    if (!item) return std::unexpected(item.error());
    out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace

Result<DataMap> LoadDataMap(std::string_view toml_text, std::string_view source,
                            const std::filesystem::path& base_dir) {
  auto doc = ParseToml(toml_text, source);
  if (!doc) return std::unexpected(doc.error());
  for (const auto& [key, value] : *doc) {
    if (key.str() != "system" && key.str() != "recipient") {
      return Fail(ErrorCode::kInvalidArgument, std::string(source) + ": unknown key '" +
                                                   std::string(key.str()) +
                                                   "' (expected [[system]] and [[recipient]])");
    }
  }
  DataMap map;
  auto recipients = LoadEach<Recipient>(*doc, source, "recipient", LoadRecipient);
  if (!recipients) return std::unexpected(recipients.error());
  map.recipients = std::move(*recipients);
  auto systems = LoadEach<SystemMap>(*doc, source, "system",
                                     [&](const toml::table& t, const std::string& where) {
                                       return LoadSystem(t, where, base_dir);
                                     });
  if (!systems) return std::unexpected(systems.error());
  map.systems = std::move(*systems);
  if (auto valid = ValidateDataMap(map); !valid) {
    return std::unexpected(std::move(valid.error()).WithContext(source));
  }
  return map;
}

Result<DataMap> LoadDataMapFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return DataMap{};
    return Fail(ErrorCode::kUnavailable, "cannot read " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadDataMap(text.str(), path.string(), path.parent_path());
}

}  // namespace rightsdesk::config
