#include "platform/mustache_json.h"

namespace rightsdesk::platform {

namespace mustache = kainjow::mustache;
using nlohmann::json;

mustache::data MustacheData(const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, member] : value.items()) object.set(key, MustacheData(member));
      return object;
    }
    case json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const json& item : value) list.push_back(MustacheData(item));
      return list;
    }
    case json::value_t::string:
      return mustache::data(value.get_ref<const std::string&>());
    case json::value_t::boolean:
      return mustache::data(value.get<bool>());
    case json::value_t::null:
    case json::value_t::discarded:
      return mustache::data(false);
    default:
      return mustache::data(value.dump());
  }
}

namespace {

std::string WithoutExtension(std::string_view file_name) {
  return std::string(file_name.substr(0, file_name.rfind('.')));
}

}  // namespace

Result<std::map<std::string, std::string, std::less<>>> ParseTemplateFiles(
    std::span<const EmbeddedFile> files) {
  std::map<std::string, std::string, std::less<>> sources;
  for (const EmbeddedFile& file : files) {
    std::string source(file.contents);
    mustache::mustache parsed(source);
    if (!parsed.is_valid()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "template " + std::string(file.name) + ": " + parsed.error_message());
    }
    sources.emplace(WithoutExtension(file.name), std::move(source));
  }
  return sources;
}

Result<std::map<std::string, json, std::less<>>> ParseStringFiles(
    std::span<const EmbeddedFile> files) {
  std::map<std::string, json, std::less<>> strings;
  for (const EmbeddedFile& file : files) {
    json parsed = json::parse(file.contents, nullptr, false);
    if (!parsed.is_object()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "strings file " + std::string(file.name) + " is not a JSON object");
    }
    strings.emplace(WithoutExtension(file.name), std::move(parsed));
  }
  return strings;
}

}  // namespace rightsdesk::platform
