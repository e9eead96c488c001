// The web pages' templates (web/templates/*.mustache) and strings (web/i18n/*.json), compiled
// into the binary. kainjow mustache escapes every {{value}} for HTML (& < > " '), so what a
// consumer typed is shown as text; {{{raw}}} is used only for HTML this program rendered itself
// (a page's body placed inside the layout).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::http::html {

class Templates {
 public:
  // Parses every template once and reads every strings file, so that a broken one stops the
  // server at startup (kInvalidArgument naming it) instead of failing a page later.
  static Result<Templates> Load();

  // `name`'s template rendered with `context`. Contract: `name` is a loaded template.
  std::string Render(std::string_view name, const nlohmann::json& context) const;

  // A whole page: `name` rendered, then placed in "layout" as {{{body}}}. The layout sees the
  // same context (lang, title, strings under "t").
  std::string Page(std::string_view name, const nlohmann::json& context) const;

  // The pages' strings for "en" or "es" (English for anything else).
  const nlohmann::json& Strings(std::string_view language) const;

  // A file of web/static ("site.css"), or null.
  const std::string* StaticFile(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> templates_;
  std::map<std::string, nlohmann::json, std::less<>> strings_;
  std::map<std::string, std::string, std::less<>> static_files_;
};

}  // namespace rightsdesk::http::html
