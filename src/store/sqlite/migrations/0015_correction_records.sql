-- Corrections made through the connectors (issue 5): the values before and after, sealed with the
-- request (they are the consumer's personal data) and erased with it by the retention purge; the
-- SHA-256 of the record stays, and is what the request's audit event names.
CREATE TABLE correction_records (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests (id),
  created_at  INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  sealed      BLOB             -- NULL once the request's personal data was purged
) STRICT, WITHOUT ROWID;

CREATE INDEX corrections_by_request ON correction_records (request_id, created_at);
