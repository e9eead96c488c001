// Reading a JSON request body: 415 unless it is application/json, 400 unless it is well-formed.
#pragma once

#include <expected>
#include <nlohmann/json.hpp>

#include "http/http_types.h"

namespace rightsdesk::http {

std::expected<nlohmann::json, Response> ReadJsonBody(const Request& request);

}  // namespace rightsdesk::http
