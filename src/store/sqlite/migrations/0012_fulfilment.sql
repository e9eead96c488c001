-- Fulfilment (issue 5). An access package is kept sealed until its link expires; only a hash of
-- the link's secret is stored (looked up by it: the secret is random, so the index leaks nothing).
-- The bytes are erased at expiry, the row stays as the record of what was sent.
CREATE TABLE access_packages (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests (id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  token_hash  BLOB NOT NULL UNIQUE,
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  downloads   INTEGER NOT NULL DEFAULT 0,
  sealed      BLOB             -- NULL once expired and erased
) STRICT, WITHOUT ROWID;

CREATE INDEX packages_by_request ON access_packages (request_id, created_at);
CREATE INDEX packages_to_erase ON access_packages (expires_at) WHERE sealed IS NOT NULL;

-- Systems without a connector are worked by their owner: one task per request and system, with
-- a checklist; the request cannot complete while one is open. The owner's note is sealed (it may
-- quote the consumer's data).
CREATE TABLE manual_tasks (
  id            TEXT PRIMARY KEY,
  request_id    TEXT NOT NULL REFERENCES requests (id),
  system        TEXT NOT NULL,
  owner         TEXT NOT NULL,
  due_on        TEXT NOT NULL,   -- YYYY-MM-DD
  checklist     TEXT NOT NULL,   -- JSON array of {"step": ..., "done": bool}
  status        TEXT NOT NULL,   -- open, done
  created_at    INTEGER NOT NULL,
  completed_at  INTEGER,
  note_sealed   BLOB,
  UNIQUE (request_id, system)
) STRICT, WITHOUT ROWID;

CREATE INDEX tasks_open ON manual_tasks (status, due_on);
