// Mustache templates and their strings as the web pages and the messages use them: files compiled
// into the binary, parsed once, and JSON values as kainjow mustache data.
#pragma once

#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "core/embedded_file.h"
#include "core/error.h"

namespace rightsdesk::platform {

// Objects and arrays map to mustache objects and lists, strings and booleans to themselves,
// numbers print as JSON does, and null is false so that {{#x}} skips it.
kainjow::mustache::data MustacheData(const nlohmann::json& value);

// Every file's source by its name without the last extension ("acknowledgment.en.mustache" →
// "acknowledgment.en"), each checked to parse; kInvalidArgument naming the first that does not.
Result<std::map<std::string, std::string, std::less<>>> ParseTemplateFiles(
    std::span<const EmbeddedFile> files);

// Every file as a JSON object (a language's strings, "es.json" → "es"); kInvalidArgument naming
// the first that is not one.
Result<std::map<std::string, nlohmann::json, std::less<>>> ParseStringFiles(
    std::span<const EmbeddedFile> files);

}  // namespace rightsdesk::platform
