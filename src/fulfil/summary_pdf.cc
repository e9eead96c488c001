// summary.pdf with libharu: the summary view laid out line by line on US Letter pages, in an
// embedded TrueType font with UTF-8 text, so that "Łukasz" and "João" print as written.
//
// libharu reports errors through a callback; this one records the first error (never longjmp),
// and the writer checks the record after every call that returns a handle and before saving.
#include <hpdf.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "fulfil/package_summary.h"

namespace rightsdesk::fulfil {
namespace {

using nlohmann::json;

constexpr float kPageWidth = 612;  // US Letter, in points
constexpr float kPageHeight = 792;
constexpr float kMargin = 54;
constexpr float kFooterSize = 8;
constexpr float kBodySize = 9.5F;
constexpr float kLeading = 1.35F;               // line height as a multiple of the font size
constexpr float kLabelWidth = 160;              // the field-name column of a record
constexpr std::size_t kLongestMeasured = 4096;  // bytes

struct PdfErrors {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void RecordError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* errors = static_cast<PdfErrors*>(user_data);
  if (error == HPDF_STREAM_EOF) return;  // reading the finished document to its end
  if (errors->error == HPDF_OK) *errors = {error, detail};
}

std::string Hex(HPDF_STATUS status) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(status >> shift) & 0xF];
  return out;
}

// Lines of text as the PDF shows them: "\r\n" and "\r" end lines like "\n", and other control
// characters (which have no glyph) become spaces.
std::vector<std::string> Paragraphs(std::string_view text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.emplace_back();
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out.back() += ' ';
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::size_t CodePointEnd(std::string_view text, std::size_t at) {
  ++at;
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// Owns the libharu document. Not copyable: libharu holds a pointer to errors_.
class PdfWriter {
 public:
  PdfWriter() : doc_(HPDF_New(RecordError, &errors_)) {}
  ~PdfWriter() {
    if (doc_ != nullptr) HPDF_Free(doc_);
  }
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  Result<void> Start(const PackageAssets& assets, std::string footer);
  void Heading(std::string_view text, float size, float space_before);
  void Paragraph(std::string_view text, float indent = 0);
  void Labelled(std::string_view label, std::string_view value, float indent = 0);
  void Space(float points) { y_ -= points; }
  Result<std::string> Finish(Instant created);

 private:
  Result<void> Check(std::string_view doing) const;
  Result<HPDF_Font> LoadFont(const std::string& path);
  float Width(HPDF_Font font, float size, std::string_view text) const;
  std::vector<std::string> Wrap(std::string_view text, HPDF_Font font, float size,
                                float width) const;
  void EnsureRoom(float height);
  void NewPage();
  void Draw(std::string_view line, HPDF_Font font, float size, float x, float y);

  PdfErrors errors_;  // before doc_: libharu writes here until HPDF_Free
  HPDF_Doc doc_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Page page_ = nullptr;
  float y_ = 0;
  int page_number_ = 0;
  std::string footer_;
};

Result<void> PdfWriter::Check(std::string_view doing) const {
  if (doc_ == nullptr) return Fail(ErrorCode::kInternal, "PDF: libharu could not start");
  if (errors_.error == HPDF_OK) return {};
  return Fail(ErrorCode::kInternal, "PDF: " + std::string(doing) + ": libharu error " +
                                        Hex(errors_.error) + " (detail " +
                                        std::to_string(errors_.detail) + ")");
}

Result<HPDF_Font> PdfWriter::LoadFont(const std::string& path) {
  const char* name = HPDF_LoadTTFontFromFile(doc_, path.c_str(), HPDF_TRUE);
  if (name == nullptr || errors_.error != HPDF_OK) {
    return Fail(ErrorCode::kFailedPrecondition,
                "PDF: the font " + path + " cannot be loaded (libharu error " + Hex(errors_.error) +
                    "); install fonts-dejavu-core or set the font path");
  }
  HPDF_Font font = HPDF_GetFont(doc_, name, "UTF-8");
  if (font == nullptr || errors_.error != HPDF_OK) {
    return Fail(ErrorCode::kInternal, "PDF: the font " + path +
                                          " has no UTF-8 encoding (libharu "
                                          "error " +
                                          Hex(errors_.error) + ")");
  }
  return font;
}

Result<void> PdfWriter::Start(const PackageAssets& assets, std::string footer) {
  if (auto ok = Check("starting"); !ok) return ok;
  footer_ = std::move(footer);
  HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc_);
  auto regular = LoadFont(assets.font_path);
  if (!regular) return std::unexpected(std::move(regular.error()));
  regular_ = *regular;
  bold_ = regular_;
  if (!assets.bold_font_path.empty()) {
    auto bold = LoadFont(assets.bold_font_path);
    if (!bold) return std::unexpected(std::move(bold.error()));
    bold_ = *bold;
  }
  NewPage();
  return Check("adding the first page");
}

float PdfWriter::Width(HPDF_Font font, float size, std::string_view text) const {
  if (text.empty()) return 0;
  // libharu refuses strings past HPDF_LIMIT_MAX_STRING_LEN; anything this long is wider than a
  // line anyway, and is cut between characters.
  if (text.size() > kLongestMeasured) return kPageWidth * 100;
  const HPDF_TextWidth width = HPDF_Font_TextWidth(
      font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
  return static_cast<float>(width.width) * size / 1000;
}

// Greedy wrapping at spaces; a word wider than the line is cut between characters.
std::vector<std::string> PdfWriter::Wrap(std::string_view text, HPDF_Font font, float size,
                                         float width) const {
  std::vector<std::string> lines;
  for (const std::string& paragraph : Paragraphs(text)) {
    std::string line;
    std::size_t at = 0;
    while (at <= paragraph.size()) {
      std::size_t end = paragraph.find(' ', at);
      if (end == std::string::npos) end = paragraph.size();
      std::string_view word(paragraph.data() + at, end - at);
      std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
      if (Width(font, size, candidate) <= width) {
        line = std::move(candidate);
      } else {
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        for (std::size_t c = 0; c < word.size();) {
          const std::size_t next = CodePointEnd(word, c);
          std::string longer = line + std::string(word.substr(c, next - c));
          if (!line.empty() && Width(font, size, longer) > width) {
            lines.push_back(std::move(line));
            line = std::string(word.substr(c, next - c));
          } else {
            line = std::move(longer);
          }
          c = next;
        }
      }
      at = end + 1;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

void PdfWriter::NewPage() {
  page_ = HPDF_AddPage(doc_);
  if (page_ == nullptr) return;  // recorded in errors_
  HPDF_Page_SetWidth(page_, kPageWidth);
  HPDF_Page_SetHeight(page_, kPageHeight);
  ++page_number_;
  Draw(footer_ + " — page " + std::to_string(page_number_), regular_, kFooterSize, kMargin,
       kMargin / 2);
  y_ = kPageHeight - kMargin;
}

void PdfWriter::EnsureRoom(float height) {
  if (y_ - height < kMargin) NewPage();
}

void PdfWriter::Draw(std::string_view line, HPDF_Font font, float size, float x, float y) {
  if (page_ == nullptr || line.empty()) return;
  const std::string text(line);
  HPDF_Page_BeginText(page_);
  HPDF_Page_SetFontAndSize(page_, font, size);
  HPDF_Page_TextOut(page_, x, y, text.c_str());
  HPDF_Page_EndText(page_);
}

void PdfWriter::Heading(std::string_view text, float size, float space_before) {
  const float leading = size * kLeading;
  std::vector<std::string> lines = Wrap(text, bold_, size, kPageWidth - 2 * kMargin);
  // Keep a heading with at least two lines of what follows it.
  EnsureRoom(space_before + leading * static_cast<float>(lines.size()) + 2 * kBodySize * kLeading);
  if (y_ < kPageHeight - kMargin) y_ -= space_before;
  for (const std::string& line : lines) {
    y_ -= leading;
    Draw(line, bold_, size, kMargin, y_);
  }
}

void PdfWriter::Paragraph(std::string_view text, float indent) {
  const float leading = kBodySize * kLeading;
  for (const std::string& line :
       Wrap(text, regular_, kBodySize, kPageWidth - 2 * kMargin - indent)) {
    EnsureRoom(leading);
    y_ -= leading;
    Draw(line, regular_, kBodySize, kMargin + indent, y_);
  }
  y_ -= leading / 3;
}

// A label in bold in its column, the value wrapped beside it; a long value continues on the
// next page with its label's column left blank.
void PdfWriter::Labelled(std::string_view label, std::string_view value, float indent) {
  const float leading = kBodySize * kLeading;
  const float value_x = kMargin + indent + kLabelWidth;
  std::vector<std::string> labels = Wrap(label, bold_, kBodySize, kLabelWidth - 8);
  std::vector<std::string> values =
      Wrap(value, regular_, kBodySize, kPageWidth - kMargin - value_x);
  const std::size_t rows = std::max(labels.size(), values.size());
  for (std::size_t i = 0; i < rows; ++i) {
    EnsureRoom(leading);
    y_ -= leading;
    if (i < labels.size()) Draw(labels[i], bold_, kBodySize, kMargin + indent, y_);
    if (i < values.size()) Draw(values[i], regular_, kBodySize, value_x, y_);
  }
  y_ -= leading / 4;
}

HPDF_Date PdfDate(Instant at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::seconds>(at - day));
  return {static_cast<HPDF_INT>(static_cast<int>(date.year())),
          static_cast<HPDF_INT>(static_cast<unsigned>(date.month())),
          static_cast<HPDF_INT>(static_cast<unsigned>(date.day())),
          static_cast<HPDF_INT>(time.hours().count()),
          static_cast<HPDF_INT>(time.minutes().count()),
          static_cast<HPDF_INT>(time.seconds().count()),
          'Z',
          0,
          0};
}

Result<std::string> PdfWriter::Finish(Instant created) {
  HPDF_SetInfoAttr(doc_, HPDF_INFO_CREATOR, "RightsDesk");
  HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, PdfDate(created));
  if (auto ok = Check("laying out the summary"); !ok) return std::unexpected(ok.error());
  HPDF_SaveToStream(doc_);
  if (auto ok = Check("saving"); !ok) return std::unexpected(ok.error());
  std::string bytes(HPDF_GetStreamSize(doc_), '\0');
  auto size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  if (auto ok = Check("reading the saved document"); !ok) return std::unexpected(ok.error());
  bytes.resize(size);
  return bytes;
}

// A text of the view; numbers and booleans as JSON.
std::string Text(const json& object, const char* key) {
  const json& value = object.at(key);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

void LayOutHeader(const json& view, const json& t, PdfWriter& pdf) {
  pdf.Heading(Text(t, "title"), 18, 0);
  pdf.Space(4);
  pdf.Labelled(Text(t, "prepared_for"), Text(view, "consumer_name"));
  pdf.Labelled(Text(t, "reference"), Text(view, "reference"));
  pdf.Labelled(Text(t, "prepared_on"), Text(view, "generated_at"));
  pdf.Space(4);
  pdf.Paragraph(Text(t, "intro"));
  if (!view.at("incomplete").get<bool>()) return;
  pdf.Heading(Text(t, "incomplete"), 12, 8);
  pdf.Paragraph(Text(t, "failed_notice"));
  for (const json& failed : view.at("failed_systems")) {
    pdf.Labelled(Text(failed, "name"), Text(failed, "error"));
  }
}

void LayOutRecord(const json& record, const json& t, PdfWriter& pdf) {
  pdf.Heading(Text(t, "record") + " " + Text(record, "label"), kBodySize, 4);
  for (const json& field : record.at("fields")) {
    std::string value = Text(field, "text");
    if (field.at("redacted").get<bool>()) value += " " + Text(t, "partly_redacted");
    pdf.Labelled(Text(field, "name") + " (" + Text(field, "category") + ")", value, 8);
  }
}

void LayOutSystem(const json& system, const json& t, PdfWriter& pdf) {
  pdf.Heading(Text(t, "system") + ": " + Text(system, "name"), 12, 10);
  if (system.at("description").is_string()) pdf.Paragraph(Text(system, "description"));
  if (system.at("failed").get<bool>()) {
    pdf.Paragraph(Text(t, "failed_notice"));
    pdf.Paragraph(Text(t, "reason") + ": " + Text(system, "error"));
    return;
  }
  pdf.Paragraph(Text(t, "searched_on") + " " + Text(system, "searched_at") + ".");
  if (system.at("no_records").get<bool>()) pdf.Paragraph(Text(t, "no_records"));
  for (const json& table : system.at("tables")) {
    pdf.Heading(Text(table, "name"), 10.5F, 6);
    for (const json& record : table.at("records")) LayOutRecord(record, t, pdf);
  }
}

void LayOutDisclosure(const json& view, const json& t, PdfWriter& pdf) {
  pdf.Heading(Text(t, "categories_heading"), 14, 14);
  pdf.Paragraph(Text(t, "categories_intro"));
  for (const json& category : view.at("categories")) {
    pdf.Heading(Text(category, "name"), 11, 8);
    pdf.Paragraph(Text(category, "description"));
    pdf.Labelled(Text(t, "sources"), Text(category, "sources"), 8);
    pdf.Labelled(Text(t, "purposes"), Text(category, "purposes"), 8);
    pdf.Labelled(Text(t, "disclosed_to"), Text(category, "recipients"), 8);
    pdf.Labelled(Text(t, "held_in"), Text(category, "systems"), 8);
  }
  pdf.Heading(Text(t, "retention_heading"), 14, 14);
  pdf.Paragraph(Text(t, "retention_intro"));
  for (const json& statement : view.at("retention")) {
    pdf.Labelled(Text(statement, "system"),
                 Text(statement, "retention") + " (" + Text(statement, "categories") + ")", 8);
  }
}

// The view (package_summary.cc), in the order of the HTML page.
void LayOut(const json& view, PdfWriter& pdf) {
  const json& t = view.at("t");
  LayOutHeader(view, t, pdf);
  pdf.Heading(Text(t, "data_heading"), 14, 14);
  if (view.at("has_redactions").get<bool>()) pdf.Paragraph(Text(t, "redaction_note"));
  for (const json& system : view.at("systems")) LayOutSystem(system, t, pdf);
  if (view.at("has_withheld").get<bool>()) {
    pdf.Heading(Text(t, "withheld_heading"), 14, 14);
    pdf.Paragraph(Text(t, "withheld_intro"));
    for (const json& withheld : view.at("withheld")) {
      pdf.Labelled(Text(withheld, "description"), Text(withheld, "where"), 8);
    }
  }
  LayOutDisclosure(view, t, pdf);
  pdf.Space(8);
  pdf.Paragraph(Text(t, "files_note"));
}

}  // namespace

Result<std::string> SummaryPdf(const json& view, Instant generated_at,
                               const PackageAssets& assets) {
  PdfWriter pdf;
  const std::string reference = view.at("reference").get<std::string>();
  if (auto started = pdf.Start(assets, "Access package " + reference); !started) {
    return std::unexpected(std::move(started.error()));
  }
  LayOut(view, pdf);
  return pdf.Finish(generated_at);
}

}  // namespace rightsdesk::fulfil
