#include "core/long_date.h"

namespace rightsdesk {
namespace {

std::string FillIn(std::string text, std::string_view key, std::string_view value) {
  if (auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

}  // namespace

std::string LongDate(Date date, const nlohmann::json& strings) {
  unsigned month = static_cast<unsigned>(date.month());
  std::string text = strings.value("date_format", std::string("{month} {day}, {year}"));
  const nlohmann::json& names = strings.at("month_names");
  text = FillIn(std::move(text), "{month}", names.at(month - 1).get_ref<const std::string&>());
  text = FillIn(std::move(text), "{day}", std::to_string(static_cast<unsigned>(date.day())));
  return FillIn(std::move(text), "{year}", std::to_string(static_cast<int>(date.year())));
}

}  // namespace rightsdesk
