// The messages' templates (web/mail/*.mustache) and the languages' strings (web/i18n/*.json, the
// same words as the privacy center), compiled into the binary. A template's first line is the
// subject, then one empty line, then the body. Text mail: nothing is HTML-escaped.
//
// Templates are chosen from the most specific to the most general, so a company or a law can
// have its own wording without repeating the rest:
//   KIND.TYPE.JURISDICTION.LANG, KIND.TYPE.LANG, KIND.JURISDICTION.LANG, KIND.LANG
// and the same in English when the language has none.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::messaging {

struct RenderedMail {
  std::string subject;
  std::string text;
};

struct MailChoice {
  std::string_view kind;  // "acknowledgment"
  std::string_view type;  // "access", ...
  std::string_view jurisdiction;
  std::string_view language;
};

class MailTemplates {
 public:
  // Parses every template and strings file once: a broken one fails here (kInvalidArgument
  // naming it), at startup, rather than when a message is due.
  static Result<MailTemplates> Load();

  // kNotFound when no template fits `choice` even in English.
  Result<RenderedMail> Render(const MailChoice& choice, const nlohmann::json& context) const;

  // The strings for "en" or "es" (English for anything else).
  const nlohmann::json& Strings(std::string_view language) const;

 private:
  std::map<std::string, std::string, std::less<>> templates_;  // by name without ".mustache"
  std::map<std::string, nlohmann::json, std::less<>> strings_;
};

}  // namespace rightsdesk::messaging
