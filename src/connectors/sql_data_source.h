// A DataSource over any SQL database: the data map's tables are searched, followed, re-read and
// erased through a SqlSession, so each database only supplies its dialect (sqlite_session.h,
// postgres_session.h). Each call opens its own session and closes it.
#pragma once

#include <memory>

#include "connectors/data_source.h"
#include "connectors/sql_session.h"
#include "core/datamap.h"
#include "core/time.h"

namespace rightsdesk::connectors {

class SqlDataSource final : public DataSource {
 public:
  // `system` must outlive the source.
  SqlDataSource(const SystemMap& system, std::unique_ptr<SqlConnector> connector,
                const Clock& clock)
      : system_(system), connector_(std::move(connector)), clock_(clock) {}

  Result<SystemFindings> Discover(const SubjectIdentifiers& consumer) override;
  Result<SystemFindings> Reread(const SystemFindings& rows) override;
  Result<Applied> Erase(const SystemErasurePlan& plan) override;
  std::vector<CheckFinding> Check() override;

 private:
  Result<std::unique_ptr<SqlSession>> Open();

  const SystemMap& system_;
  std::unique_ptr<SqlConnector> connector_;
  const Clock& clock_;
};

}  // namespace rightsdesk::connectors
