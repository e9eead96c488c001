#include "store/sqlite/sqlite_store.h"

#include <charconv>

#include "core/reference.h"
#include "store/sqlite/audit_rows.h"
#include "store/sqlite/migrations.h"

namespace rightsdesk::store::sqlite {
namespace {

// Terminal statuses, for "open" filters. Built from the core so the two never disagree.
std::string TerminalStatusList() {
  std::string out;
  for (Status s : kAllStatuses) {
    if (!IsTerminal(s)) continue;
    out += out.empty() ? "'" : ", '";
    out += std::string(Name(s)) + "'";
  }
  return out;
}

std::string Cursor(const Request& r) { return std::to_string(ToMicros(r.due_at)) + "." + r.id; }

Result<std::pair<std::int64_t, std::string>> ParseCursor(std::string_view text) {
  auto dot = text.find('.');
  std::int64_t due = 0;
  if (dot != std::string_view::npos) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + dot, due);
    if (ec == std::errc() && end == text.data() + dot && text.size() - dot - 1 == 36) {
      return std::pair{due, std::string(text.substr(dot + 1))};
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "the page cursor is not valid", "/after");
}

// The consumer's earlier requests, read in the insert's transaction (RequestStore::BeforeInsert).
// The email's index pages are the ones the insert then writes: these seeks are nearly free.
Result<EarlierRequests> ReadEarlierRequests(LedgerTxn& txn,
                                            const std::vector<std::uint8_t>& email_index) {
  EarlierRequests earlier;
  auto count = txn.Prepared("SELECT count(*) FROM requests WHERE email_index = ?1");
  if (!count) return std::unexpected(count.error());
  auto counted = (*count)->Bind(1, email_index).Step();
  if (!counted) return std::unexpected(counted.error());
  earlier.count = (*count)->Int(0);
  (*count)->Reset();
  static const std::string open_sql =
      "SELECT id, reference, type, received_at FROM requests WHERE email_index = ?1"
      " AND status NOT IN (" +
      TerminalStatusList() + ") ORDER BY received_at, id";
  auto open = txn.Prepared(open_sql);
  if (!open) return std::unexpected(open.error());
  (*open)->Bind(1, email_index);
  for (;;) {
    auto row = (*open)->Step();
    if (!row) return std::unexpected(row.error().WithContext("reading the consumer's requests"));
    if (!*row) break;
    auto type = ParseRequestType((*open)->TextView(2));
    if (!type) return Fail(ErrorCode::kDataLoss, "request " + (*open)->Text(0) + " has no type");
    earlier.open.push_back({.id = (*open)->Text(0),
                            .reference = (*open)->Text(1),
                            .type = *type,
                            .received_at = FromMicros((*open)->Int(3))});
  }
  (*open)->Reset();
  return earlier;
}

Result<void> ConfigureWriter(Connection& db) {
  // WAL: readers run beside the writer; synchronous=FULL: a commit is on disk when it returns.
  return db.Exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
      " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
}

}  // namespace

SqliteStore::SqliteStore(const security::InstallationKeys& keys, const Clock& clock)
    : sealer_(keys.seal_key()),
      index_(keys.index_key()),
      signer_(keys),
      clock_(clock),
      codec_{sealer_, index_} {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& path,
                                                       const security::InstallationKeys& keys,
                                                       const Clock& clock,
                                                       SqliteStoreOptions options) {
  auto db = Connection::Open(path, Connection::Mode::kReadWrite);
  if (!db) return std::unexpected(db.error());
  if (auto ok = ConfigureWriter(*db); !ok) return std::unexpected(ok.error());
  if (auto ok = Migrate(*db); !ok) return std::unexpected(ok.error());
  std::unique_ptr<SqliteStore> store(new SqliteStore(keys, clock));
  auto readers = ReaderPool::Open(path, options.readers < 1 ? 1 : options.readers);
  if (!readers) return std::unexpected(readers.error());
  store->readers_ = std::move(*readers);
  store->writer_ = std::make_unique<LedgerWriter>(
      std::move(*db), clock, store->signer_,
      LedgerWriter::Options{.max_batch = options.group_commit_max_batch,
                            .checkpoints = options.checkpoints});
  return store;
}

std::vector<SqliteStore::SealedNotice> SqliteStore::SealNotices(
    const std::vector<NoticeDraft>& notices, std::int64_t version) const {
  // A request's version is unique per change, so "<request>-<version>-<n>" names each notice
  // once, and is known before the write is queued (the sealing context binds the id).
  std::vector<SealedNotice> sealed;
  for (std::size_t i = 0; i < notices.size(); ++i) {
    const NoticeDraft& notice = notices[i];
    std::string id =
        "ntc-" + notice.request_id + "-" + std::to_string(version) + "-" + std::to_string(i + 1);
    std::vector<std::uint8_t> params =
        sealer_.Seal(notice.params.dump(), "outbox/" + id + "/params");
    sealed.push_back({std::move(id), notice.request_id, notice.kind, std::move(params)});
  }
  return sealed;
}

Result<void> SqliteStore::InsertNotices(LedgerTxn& txn, const std::vector<SealedNotice>& notices) {
  for (const SealedNotice& notice : notices) {
    auto stmt = txn.Prepared(
        "INSERT INTO outbox (id, request_id, kind, params_sealed, created_at, next_attempt_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
    if (!stmt) return std::unexpected(stmt.error());
    auto done = (*stmt)
                    ->Bind(1, notice.id)
                    .Bind(2, notice.request_id)
                    .Bind(3, notice.kind)
                    .Bind(4, notice.params_sealed)
                    .Bind(5, ToMicros(txn.now()))
                    .Run();
    if (!done) return std::unexpected(done.error().WithContext("queueing " + notice.kind));
  }
  return {};
}

Result<Request> SqliteStore::Insert(const Request& request, const AuditEventDraft& submitted,
                                    const std::vector<NoticeDraft>& notices,
                                    const BeforeInsert& before_insert) {
  Request stored = request;
  const SealedFields sealed = codec_.Seal(request);
  const std::vector<SealedNotice> sealed_notices = SealNotices(notices, 1);
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto counter = txn.Prepared(
        "INSERT INTO reference_counters (year, last) VALUES (?1, 1)"
        " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last");
    if (!counter) return std::unexpected(counter.error());
    int year = static_cast<int>(request.received_on.year());
    (*counter)->Bind(1, std::int64_t{year});
    auto row = (*counter)->Step();
    if (!row) return std::unexpected(row.error());
    stored.reference = FormatReference(year, (*counter)->Int(0));
    (*counter)->Reset();
    stored.version = 1;
    std::vector<AuditEventDraft> more_events;
    if (before_insert) {
      auto earlier = ReadEarlierRequests(txn, sealed.email_index);
      if (!earlier) return std::unexpected(earlier.error());
      auto decided = before_insert(stored, *earlier);
      if (!decided) return std::unexpected(decided.error());
      more_events = std::move(*decided);
    }
    auto insert = txn.Prepared(kInsertRequest);
    if (!insert) return std::unexpected(insert.error());
    codec_.BindInsert(**insert, stored, sealed);
    if (auto done = (*insert)->Run(); !done) {
      return std::unexpected(done.error().WithContext("storing request " + stored.id));
    }
    AuditEventDraft event = submitted;
    event.details["reference"] = stored.reference;
    if (auto appended = txn.AppendEvent(event); !appended) {
      return std::unexpected(appended.error());
    }
    for (const AuditEventDraft& more : more_events) {
      if (auto appended = txn.AppendEvent(more); !appended) {
        return std::unexpected(appended.error());
      }
    }
    return InsertNotices(txn, sealed_notices);
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return stored;
}

Result<Request> SqliteStore::Apply(const RequestChange& change) {
  const SealedFields sealed = codec_.Seal(change.after);
  const std::vector<SealedNotice> sealed_notices =
      SealNotices(change.notices, change.expected_version + 1);
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto update = txn.Prepared(kUpdateRequest);
    if (!update) return std::unexpected(update.error());
    codec_.BindUpdate(**update, change.after, change.expected_version, sealed);
    if (auto done = (*update)->Run(); !done) return std::unexpected(done.error());
    auto changed = txn.Prepared("SELECT changes()");
    if (!changed) return std::unexpected(changed.error());
    if (auto row = (*changed)->Step(); !row) return std::unexpected(row.error());
    if ((*changed)->Int(0) == 0) {
      auto exists = txn.Prepared("SELECT 1 FROM requests WHERE id = ?1");
      if (!exists) return std::unexpected(exists.error());
      auto found = (*exists)->Bind(1, change.after.id).Step();
      if (!found) return std::unexpected(found.error());
      if (!*found) return Fail(ErrorCode::kNotFound, "no request " + change.after.reference);
      return Fail(ErrorCode::kConflict, "request " + change.after.reference +
                                            " was changed by someone else; reload and retry");
    }
    for (const AuditEventDraft& event : change.events) {
      if (auto appended = txn.AppendEvent(event); !appended) {
        return std::unexpected(appended.error());
      }
    }
    return InsertNotices(txn, sealed_notices);
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  Request stored = change.after;
  stored.version = change.expected_version + 1;
  return stored;
}

Result<Request> SqliteStore::FindBy(std::string_view column, std::string_view value) const {
  auto conn = readers_->Acquire();
  std::string sql = "SELECT " + std::string(kRequestColumns) + " FROM requests WHERE " +
                    std::string(column) + " = ?1";
  auto stmt = conn->Prepared(sql);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, value);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "no request " + std::string(value));
  return codec_.Read(**stmt);
}

Result<Request> SqliteStore::FindByReference(std::string_view reference) const {
  return FindBy("reference", reference);
}

Result<Request> SqliteStore::FindById(std::string_view id) const { return FindBy("id", id); }

Result<RequestPage> SqliteStore::List(const RequestQuery& query) const {
  if (query.limit < 1 || query.limit > 1000) {
    return Fail(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000", "/limit");
  }
  std::optional<std::pair<std::int64_t, std::string>> after;
  if (query.after) {
    auto cursor = ParseCursor(*query.after);
    if (!cursor) return std::unexpected(cursor.error());
    after = *cursor;
  }
  static const std::string filters =
      " (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR type = ?2)"
      " AND (?3 IS NULL OR (due_at < ?3 AND status NOT IN (" +
      TerminalStatusList() +
      ")))"
      " AND (?4 IS NULL OR (due_at, id) > (?4, ?5)) ORDER BY due_at, id LIMIT ?6";
  // A search by email has its own text so that SQLite plans it on the blind-index column.
  static const std::string sql =
      "SELECT " + std::string(kRequestColumns) + " FROM requests WHERE" + filters;
  static const std::string by_email = "SELECT " + std::string(kRequestColumns) +
                                      " FROM requests WHERE email_index = ?7 AND" + filters;
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(query.email ? by_email : sql);
  if (!stmt) return std::unexpected(stmt.error());
  auto name_of = [](auto v) { return std::optional<std::string>(std::string(Name(v))); };
  (*stmt)
      ->Bind(1, query.status ? name_of(*query.status) : std::nullopt)
      .Bind(2, query.type ? name_of(*query.type) : std::nullopt)
      .Bind(3, query.overdue_at ? std::optional(ToMicros(*query.overdue_at)) : std::nullopt)
      .Bind(4, after ? std::optional(after->first) : std::nullopt)
      .Bind(5, after ? std::optional(after->second) : std::nullopt)
      .Bind(6, static_cast<std::int64_t>(query.limit + 1));
  if (query.email) (*stmt)->Bind(7, index_.Of(*query.email));
  RequestPage page;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (page.requests.size() == query.limit) {
      page.next = Cursor(page.requests.back());
      break;
    }
    auto request = codec_.Read(**stmt);
    if (!request) return std::unexpected(request.error());
    page.requests.push_back(std::move(*request));
  }
  return page;
}

Result<std::vector<AuditEvent>> SqliteStore::EventsOf(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT " RIGHTSDESK_EVENT_COLUMNS
                             " FROM audit_events WHERE request_id = ?1 ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<AuditEvent> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(ReadEventRow(**stmt));
  }
  return out;
}

Result<std::vector<QueuedNotice>> SqliteStore::NoticesOf(std::string_view request_id) const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(
      "SELECT id, request_id, kind, status, created_at FROM outbox WHERE request_id = ?1"
      " ORDER BY created_at, id");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, request_id);
  std::vector<QueuedNotice> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({.id = (*stmt)->Text(0),
                   .request_id = (*stmt)->Text(1),
                   .kind = (*stmt)->Text(2),
                   .status = (*stmt)->Text(3),
                   .created_at = FromMicros((*stmt)->Int(4))});
  }
  return out;
}

Result<std::int64_t> SqliteStore::CountByEmail(std::string_view email) const {
  const std::vector<std::uint8_t> key = index_.Of(email);
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT count(*) FROM requests WHERE email_index = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, key);
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  return (*stmt)->Int(0);
}

Result<std::int64_t> SqliteStore::CountReceived(RequesterRole role, std::string_view email,
                                                Instant from, Instant until) const {
  const std::vector<std::uint8_t> key = index_.Of(email);
  // Two texts, not a column name spliced in from the caller: each is planned on its own index.
  const char* sql = role == RequesterRole::kConsumer
                        ? "SELECT count(*) FROM requests WHERE email_index = ?1"
                          " AND received_at BETWEEN ?2 AND ?3"
                        : "SELECT count(*) FROM requests WHERE agent_index = ?1"
                          " AND received_at BETWEEN ?2 AND ?3";
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared(sql);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, key).Bind(2, ToMicros(from)).Bind(3, ToMicros(until));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error().WithContext("counting recent requests"));
  return (*stmt)->Int(0);
}

Result<std::vector<RequestCount>> SqliteStore::CountByStatusAndType() const {
  auto conn = readers_->Acquire();
  auto stmt = conn->Prepared("SELECT status, type, count(*) FROM requests GROUP BY status, type");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<RequestCount> out;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    auto status = ParseStatus((*stmt)->Text(0));
    auto type = ParseRequestType((*stmt)->Text(1));
    if (!status || !type) {
      return Fail(ErrorCode::kDataLoss, "a request has an unknown status or type (" +
                                            (*stmt)->Text(0) + ", " + (*stmt)->Text(1) + ")");
    }
    out.push_back({*status, *type, (*stmt)->Int(2)});
  }
  return out;
}

Result<QueueCounts> SqliteStore::CountQueue(Instant now, Instant due_before,
                                            Instant received_since) const {
  auto conn = readers_->Acquire();
  static const std::string sql =
      "SELECT"
      " (SELECT count(*) FROM requests WHERE due_at < ?1 AND status NOT IN (" +
      TerminalStatusList() +
      ")),"
      " (SELECT count(*) FROM requests WHERE due_at >= ?1 AND due_at <= ?2 AND status NOT IN (" +
      TerminalStatusList() +
      ")),"
      " (SELECT count(*) FROM requests WHERE received_at >= ?3)";
  auto stmt = conn->Prepared(sql);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->Bind(1, ToMicros(now)).Bind(2, ToMicros(due_before)).Bind(3, ToMicros(received_since));
  auto row = (*stmt)->Step();
  if (!row) return std::unexpected(row.error());
  return QueueCounts{
      .overdue = (*stmt)->Int(0), .due_soon = (*stmt)->Int(1), .received_since = (*stmt)->Int(2)};
}

Result<AuditEvent> SqliteStore::Append(const AuditEventDraft& draft) {
  std::optional<AuditEvent> appended;
  LedgerWriter::Job job = [&](LedgerTxn& txn) -> Result<void> {
    auto event = txn.AppendEvent(draft);
    if (!event) return std::unexpected(event.error());
    appended = std::move(*event);
    return {};
  };
  if (auto done = writer_->Run(job); !done) return std::unexpected(done.error());
  return std::move(*appended);
}

Result<Checkpoint> SqliteStore::CheckpointNow() { return writer_->CheckpointNow(); }

}  // namespace rightsdesk::store::sqlite
