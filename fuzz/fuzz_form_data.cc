// A console upload as a browser (or anyone) may send it: the first line is the Content-Type
// header, the rest the body, read as multipart/form-data through GMime. Property: names, values
// and file names come out as valid UTF-8, within the part limit, with no directory in a file name.
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "fuzz_target.h"
#include "messaging/form_data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rightsdesk;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  auto form = messaging::ParseFormData(input.substr(0, newline), input.substr(newline + 1));
  if (!form) return 0;
  if (form->fields.size() + form->files.size() > messaging::kMaxFormParts) std::abort();
  for (const auto& [name, value] : form->fields) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) std::abort();
  }
  for (const auto& file : form->files) {
    if (!IsValidUtf8(file.filename) || file.filename.find_first_of("/\\") != std::string::npos) {
      std::abort();
    }
  }
  return 0;
}
