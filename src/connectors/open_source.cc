#include "connectors/open_source.h"

#include "connectors/file_source.h"
#include "connectors/http_source.h"
#include "connectors/mysql_session.h"
#include "connectors/postgres_session.h"
#include "connectors/sql_data_source.h"
#include "connectors/sqlite_session.h"

namespace rightsdesk::connectors {

Result<std::unique_ptr<DataSource>> OpenDataSource(const SystemMap& system, const Clock& clock) {
  std::unique_ptr<SqlConnector> connector;
  switch (system.connector.kind) {
    case ConnectorSettings::Kind::kSqlite:
      connector = std::make_unique<SqliteConnector>(system.name, system.connector);
      break;
    case ConnectorSettings::Kind::kPostgres:
      connector = std::make_unique<PostgresConnector>(system.name, system.connector);
      break;
    case ConnectorSettings::Kind::kMySql:
      connector = std::make_unique<MySqlConnector>(system.name, system.connector);
      break;
    case ConnectorSettings::Kind::kFiles: {
      auto files = FileDataSource::Open(system, clock);
      if (!files) return std::unexpected(files.error());
      return std::unique_ptr<DataSource>(std::move(*files));
    }
    case ConnectorSettings::Kind::kHttp: {
      auto http = HttpDataSource::Open(system, clock);
      if (!http) return std::unexpected(http.error());
      return std::unique_ptr<DataSource>(std::move(*http));
    }
    case ConnectorSettings::Kind::kManual:
      return Fail(ErrorCode::kFailedPrecondition,
                  system.name + " has no connector: its owner works it by hand");
  }
  return std::make_unique<SqlDataSource>(system, std::move(connector), clock);
}

}  // namespace rightsdesk::connectors
