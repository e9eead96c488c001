// The body of POST /api/v1/requests, as anyone on the internet may send it.
#include <nlohmann/json.hpp>
#include <string_view>

#include "app/intake.h"
#include "fuzz_target.h"
#include "http/intake_api.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;
  (void)rightsdesk::http::ReadIntakeForm(body);
  return 0;
}
