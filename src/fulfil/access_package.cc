#include "fulfil/access_package.h"

#include "fulfil/package_content.h"
#include "fulfil/package_files.h"
#include "fulfil/package_summary.h"
#include "fulfil/redactor.h"
#include "fulfil/zip_archive.h"

namespace rightsdesk::fulfil {

std::string PackageReadme(const PackageContent& content) {
  std::string readme =
      "Your personal information - request " + content.reference +
      "\r\n\r\n"
      "This package answers your request to know the personal information we hold about you\r\n"
      "(California Civil Code 1798.110). It holds:\r\n\r\n"
      "  summary.pdf      the information, to read or print\r\n"
      "  summary.html     the same, to open in a web browser\r\n"
      "  data.json        all of it, for use with other programs\r\n"
      "  categories/      one spreadsheet file (CSV, UTF-8) per category of personal\r\n"
      "                   information, one line per piece of information\r\n\r\n"
      "Values of the following kinds are never shown, not even to you: Social Security,\r\n"
      "driver's license and other government identification numbers, financial account and\r\n"
      "card numbers, passwords, security questions and answers, and biometric data. Where we\r\n"
      "hold one, the package says so instead (California Code of Regulations, title 11,\r\n"
      "7024(d)).\r\n";
  if (!content.complete()) {
    readme +=
        "\r\nTHIS PACKAGE IS INCOMPLETE: some systems could not be searched. See summary.pdf.\r\n";
  }
  return readme;
}

Result<std::vector<std::uint8_t>> BuildAccessPackage(const AccessPackageInput& input,
                                                     const PackageAssets& assets) {
  const std::string context = "building the access package of " + input.reference;
  auto redactor = Redactor::Compile(input.redact_patterns);
  if (!redactor) return std::unexpected(std::move(redactor.error()).WithContext(context));
  auto content = AssemblePackage(input, *redactor);
  if (!content) return std::unexpected(std::move(content.error()).WithContext(context));

  const nlohmann::json view = SummaryView(*content);
  auto html = SummaryHtml(view);
  if (!html) return std::unexpected(std::move(html.error()).WithContext(context));
  auto pdf = SummaryPdf(view, content->generated_at, assets);
  if (!pdf) return std::unexpected(std::move(pdf.error()).WithContext(context));

  std::vector<PackageFile> files;
  files.push_back({"README.txt", PackageReadme(*content)});
  files.push_back({"summary.pdf", std::move(*pdf)});
  files.push_back({"summary.html", std::move(*html)});
  files.push_back({"data.json", PackageDataJson(*content)});
  for (PackageFile& csv : PackageCategoryCsvs(*content)) files.push_back(std::move(csv));
  return WithContext(ZipInMemory(files, content->generated_at), context);
}

}  // namespace rightsdesk::fulfil
