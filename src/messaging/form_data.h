// An HTML form sent as multipart/form-data (RFC 7578), read with GMime: how the console's file
// uploads arrive. Input is untrusted (any signed-in browser, or anyone before the session check
// refuses them): counts and sizes are bounded, and a body GMime cannot read is an error value,
// never a crash (fuzz/fuzz_form_data).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace rightsdesk::messaging {

inline constexpr std::size_t kMaxFormParts = 32;

struct FormFile {
  std::string field;         // the form's input name
  std::string filename;      // without any directory the browser sent, valid UTF-8
  std::string content_type;  // as the browser declared it; never trusted for display
  std::string bytes;
};

struct FormData {
  std::map<std::string, std::string, std::less<>> fields;  // text inputs, valid UTF-8
  std::vector<FormFile> files;  // file inputs that carried a file (an empty choice is left out)
};

// `content_type` is the request's Content-Type header, which names the boundary.
// kInvalidArgument when it is not multipart/form-data with a boundary, the body is not such a
// form, or it has more than kMaxFormParts parts.
[[nodiscard]] Result<FormData> ParseFormData(std::string_view content_type, std::string_view body);

}  // namespace rightsdesk::messaging
