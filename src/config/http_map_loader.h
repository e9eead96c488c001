// The data map's keys for HTTP/REST systems (core/http_map.h, docs/datamap.md), read by
// datamap_loader.cc beside the others. Requests are parsed here ("GET /customers?email={email}");
// whether they fit their table is checked with the rest of the map (ValidateHttpSystem).
#pragma once

#include <optional>

#include "config/toml_fields.h"
#include "core/http_map.h"

namespace rightsdesk::config {

// A key that would hold a secret in the file itself ("token", "api_key", "password"...) is a
// problem of `f` that says where secrets go. Run before the unknown-key check, whose message
// would be less helpful.
void RefuseWrittenSecrets(TomlFields& f);

// A system's base_url, health and authentication: bearer_env, header + header_env, or user +
// password_env (at most one). Empty when none is given.
Result<HttpConnection> LoadHttpConnection(TomlFields& f);

// A table's search, records, paging (next | page_param, first_page | cursor, cursor_param),
// max_pages, read, record, delete and update; nullopt when it has none of them.
Result<std::optional<HttpCollection>> LoadHttpCollection(TomlFields& f);

}  // namespace rightsdesk::config
