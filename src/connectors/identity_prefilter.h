// The fast first step of a search of record files by identity: the consumers' identifiers as
// Hyperscan patterns, scanned in stream mode over a file's raw (decompressed) bytes, chunk by
// chunk as the record reader reads them, so no record is parsed unless its bytes matched. A
// match only says that a record *may* belong to a consumer; the caller then parses it and
// compares its identity columns exactly. The patterns may over-match but never miss a record
// whose identity column holds the identifier:
//   email       the address as a literal, caseless (ASCII, as the exact comparison).
//   account id  the id as a literal, exact.
//   phone       its digits in order with any non-digits between them (d[^0-9]*d[^0-9]*...d).
//               Files write numbers as they were typed — "+47 22 44 22 22", "(415) 555-0134" —
//               so no literal part of a number is certain to be there, not even its last four
//               digits ("22 22"): a literal prefilter would miss records. This pattern has no
//               literal for Hyperscan to anchor on and scans at about 1 GB/s on the reference
//               machine against ~5 GB/s for the literals, which is the price of never missing.
// Literals are also looked for as the files may write them: in jsonl with non-ASCII characters
// escaped (Python's json.dumps writes "jos\u00e9"), in csv with quotes doubled. Only identifiers
// that the table maps to an identity column become patterns.
//
// The compiled prefilter is immutable and may be shared by threads; each thread scans with its
// own Scan (a Hyperscan stream and scratch).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "connectors/record_readers.h"
#include "core/datamap.h"
#include "core/error.h"
#include "core/subject.h"

struct hs_database;
struct hs_scratch;
struct hs_stream;

namespace rightsdesk::connectors {

class IdentityPrefilter {
 public:
  // kInternal if Hyperscan refuses the patterns (they are escaped, so that is a bug).
  static Result<std::unique_ptr<IdentityPrefilter>> Compile(
      std::span<const SubjectIdentifiers> consumers, const TableMap& table, RecordFormat format);
  ~IdentityPrefilter();
  IdentityPrefilter(const IdentityPrefilter&) = delete;
  IdentityPrefilter& operator=(const IdentityPrefilter&) = delete;

  // True when none of the consumers' identifiers is searched in this table: nothing can match.
  bool empty() const { return database_ == nullptr; }

  // One input's scan, fed the input's chunks in order.
  class Scan {
   public:
    ~Scan();
    Scan(const Scan&) = delete;
    Scan& operator=(const Scan&) = delete;

    // Scans the next chunk. kInternal if Hyperscan fails.
    Result<void> Feed(std::string_view chunk);
    // The consumers (indexes into Compile's `consumers`, ascending, without repeats) with a
    // match whose last byte lies in [begin, end) of the input: the bytes of one record. Matches
    // ending before `end` are then forgotten, so records are asked for in input order.
    void ConsumersMatching(std::uint64_t begin, std::uint64_t end,
                           std::vector<std::size_t>& consumers);

   private:
    friend class IdentityPrefilter;
    struct Match {
      std::uint64_t end;  // offset after the match's last byte
      std::size_t consumer;
    };
    Scan() = default;
    static int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                       void* context);

    hs_scratch* scratch_ = nullptr;
    hs_stream* stream_ = nullptr;
    std::vector<Match> matches_;  // sorted by end from next_ on
    std::size_t next_ = 0;
  };

  // kInternal if Hyperscan cannot allocate the scan. Must not be called when empty().
  Result<std::unique_ptr<Scan>> StartScan() const;

 private:
  IdentityPrefilter() = default;
  hs_database* database_ = nullptr;
};

}  // namespace rightsdesk::connectors
