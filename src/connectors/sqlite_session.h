// The SQLite dialect of SqlSession, for company systems kept in a SQLite file. The file must
// exist (a typo in the data map never creates an empty database); the connector waits up to its
// timeout for another writer's lock.
#pragma once

#include <memory>
#include <string>

#include "connectors/sql_session.h"
#include "core/datamap.h"

namespace rightsdesk::connectors {

class SqliteConnector final : public SqlConnector {
 public:
  SqliteConnector(std::string system, ConnectorSettings settings)
      : system_(std::move(system)), settings_(std::move(settings)) {}
  Result<std::unique_ptr<SqlSession>> Open() override;

 private:
  std::string system_;
  ConnectorSettings settings_;
};

}  // namespace rightsdesk::connectors
