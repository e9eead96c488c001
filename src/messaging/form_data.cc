#include "messaging/form_data.h"

#include <algorithm>
#include <cctype>

#include "messaging/gmime_support.h"

namespace rightsdesk::messaging {
namespace {

bool IsFormData(std::string_view content_type) {
  constexpr std::string_view kType = "multipart/form-data";
  if (content_type.size() < kType.size()) return false;
  return std::equal(kType.begin(), kType.end(), content_type.begin(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

// What a browser (or an old one, with a whole Windows path) sent, without the directory.
std::string BaseName(std::string_view filename) {
  auto slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  return ToValidUtf8(filename);
}

std::string Parameter(GMimeContentDisposition* disposition, const char* name) {
  const char* value = disposition != nullptr
                          ? g_mime_content_disposition_get_parameter(disposition, name)
                          : nullptr;
  return value != nullptr ? std::string(value) : std::string();
}

bool HasParameter(GMimeContentDisposition* disposition, const char* name) {
  return disposition != nullptr &&
         g_mime_content_disposition_get_parameter(disposition, name) != nullptr;
}

void ReadPart(GMimeObject* object, FormData& form) {
  if (!GMIME_IS_PART(object)) return;  // nested multiparts are not what a browser sends
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  std::string name = ToValidUtf8(Parameter(disposition, "name"));
  if (name.empty()) return;
  std::string bytes = PartBytes(GMIME_PART(object));
  if (!HasParameter(disposition, "filename")) {
    form.fields.insert_or_assign(std::move(name), ToValidUtf8(bytes));
    return;
  }
  std::string filename = BaseName(Parameter(disposition, "filename"));
  if (filename.empty() && bytes.empty()) return;  // the file input was left empty
  GMimeContentType* type = g_mime_object_get_content_type(object);
  GString mime_type(type != nullptr ? g_mime_content_type_get_mime_type(type) : nullptr);
  form.files.push_back({.field = std::move(name),
                        .filename = std::move(filename),
                        .content_type = mime_type ? ToValidUtf8(mime_type.get()) : "",
                        .bytes = std::move(bytes)});
}

}  // namespace

Result<FormData> ParseFormData(std::string_view content_type, std::string_view body) {
  if (!IsFormData(content_type) || content_type.find("boundary=") == std::string_view::npos ||
      content_type.find_first_of("\r\n") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the form is not multipart/form-data with a boundary");
  }
  InitGMime();
  std::string raw = "Content-Type: " + std::string(content_type) + "\r\n\r\n";
  raw.append(body);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeObject> root(g_mime_parser_construct_part(parser.get(), nullptr));
  if (!root || !GMIME_IS_MULTIPART(root.get())) {
    return Fail(ErrorCode::kInvalidArgument, "the form's body is not multipart");
  }
  GMimeMultipart* multipart = GMIME_MULTIPART(root.get());
  const int count = g_mime_multipart_get_count(multipart);
  if (count < 0 || static_cast<std::size_t>(count) > kMaxFormParts) {
    return Fail(ErrorCode::kInvalidArgument,
                "the form has more than " + std::to_string(kMaxFormParts) + " parts");
  }
  FormData form;
  for (int i = 0; i < count; ++i) ReadPart(g_mime_multipart_get_part(multipart, i), form);
  return form;
}

}  // namespace rightsdesk::messaging
