// Opens the DataSource a system's connector settings describe. Systems without a connector
// (`manual`) have none: their owners get a manual task instead.
#pragma once

#include <memory>

#include "connectors/data_source.h"
#include "core/datamap.h"
#include "core/time.h"

namespace rightsdesk::connectors {

// kFailedPrecondition for a manual system. `system` and `clock` must outlive the source.
Result<std::unique_ptr<DataSource>> OpenDataSource(const SystemMap& system, const Clock& clock);

}  // namespace rightsdesk::connectors
