// JSON-lines exports and logs as the files connector reads them (connectors/record_readers.h).
// Beyond the shared properties (record_reader_properties.h): every LF ends a record; a record
// that parses is an object whose values are the object's own; an updated record (an erasure)
// re-reads with its new value, every other key as it was, in the same order.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/file_rewrite.h"
#include "connectors/record_readers.h"
#include "fuzz_target.h"
#include "record_reader_properties.h"

namespace {

using namespace rightsdesk;
using namespace rightsdesk::connectors;
using fuzz::Require;

const std::vector<std::string> kColumns{"id", "email", "phone", "name"};

void RequireLineEnds(const fuzz::Reading& reading) {
  for (const auto& record : reading.records) {
    Require(record.text.find('\n') == std::string::npos);
  }
}

void RequireUpdate(const fuzz::RawCopy& record) {
  if (!record.values || record.text.empty()) return;
  auto updated = UpdatedRecord(RecordFormat::kJsonl, record.text, {}, {{"email", "[erased]"}});
  Require(updated.has_value());
  auto before = nlohmann::ordered_json::parse(record.text, nullptr, false);
  auto after = nlohmann::ordered_json::parse(*updated, nullptr, false);
  Require(before.is_object() && after.is_object());
  Require(after["email"] == "[erased]");
  before["email"] = "[erased]";
  Require(after == before);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto whole =
      fuzz::ReadAll(input, RecordFormat::kJsonl, kColumns, fuzz::WholeChunk(input), SIZE_MAX);
  const auto small = fuzz::ReadAll(input, RecordFormat::kJsonl, kColumns, fuzz::SmallChunk(input),
                                   fuzz::SmallRead(input));
  Require(whole.opened && whole == small);
  fuzz::RequireTiling(whole, input);
  RequireLineEnds(whole);
  for (const auto& record : whole.records) RequireUpdate(record);
  return 0;
}
