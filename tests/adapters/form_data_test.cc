// Reading console uploads (multipart/form-data) with GMime: fields and files as a browser sends
// them, file names without directories, empty file inputs left out, and what is not such a form
// refused with a clear error.
#include "messaging/form_data.h"

#include <gtest/gtest.h>

namespace rightsdesk::messaging {
namespace {

constexpr const char* kType = "multipart/form-data; boundary=----WebKitFormBoundaryx7";

std::string Part(const std::string& disposition, const std::string& body,
                 const std::string& type = "") {
  return "------WebKitFormBoundaryx7\r\nContent-Disposition: form-data; " + disposition + "\r\n" +
         (type.empty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + body + "\r\n";
}

TEST(FormDataTest, FieldsAndFilesAreReadAsTheBrowserSentThem) {
  std::string binary("PK\x03\x04\0\0\xff\r\n--not-a-boundary", 24);
  std::string body =
      Part("name=\"csrf\"", "abc123") +
      Part("name=\"file\"; filename=\"/home/ana/export.zip\"", binary, "application/zip") +
      Part("name=\"note\"", "Ünïcode ✓") + "------WebKitFormBoundaryx7--\r\n";
  auto form = ParseFormData(kType, body);
  ASSERT_TRUE(form) << form.error().message();
  EXPECT_EQ(form->fields.at("csrf"), "abc123");
  EXPECT_EQ(form->fields.at("note"), "Ünïcode ✓");
  ASSERT_EQ(form->files.size(), 1U);
  EXPECT_EQ(form->files[0].field, "file");
  EXPECT_EQ(form->files[0].filename, "export.zip");
  EXPECT_EQ(form->files[0].content_type, "application/zip");
  EXPECT_EQ(form->files[0].bytes, binary);
}

TEST(FormDataTest, AnEmptyFileInputIsLeftOut) {
  std::string body = Part("name=\"file\"; filename=\"\"", "", "application/octet-stream") +
                     "------WebKitFormBoundaryx7--\r\n";
  auto form = ParseFormData(kType, body);
  ASSERT_TRUE(form) << form.error().message();
  EXPECT_TRUE(form->files.empty());
}

TEST(FormDataTest, WhatIsNotAFormWithABoundaryIsRefused) {
  EXPECT_EQ(ParseFormData("application/x-www-form-urlencoded", "a=b").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseFormData("multipart/form-data", "x").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseFormData("multipart/form-data; boundary=b\r\nX-Evil: 1", "x").error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(FormDataTest, TooManyPartsAreRefused) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += Part("name=\"f" + std::to_string(i) + "\"", "v");
  body += "------WebKitFormBoundaryx7--\r\n";
  auto form = ParseFormData(kType, body);
  ASSERT_FALSE(form);
  EXPECT_EQ(form.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace rightsdesk::messaging
