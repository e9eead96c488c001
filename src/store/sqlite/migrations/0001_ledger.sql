-- The request ledger, the audit trail and the outbox.
-- Times are microseconds since the Unix epoch (UTC); dates are 'YYYY-MM-DD' in the business zone.
-- *_sealed columns hold XChaCha20-Poly1305 ciphertext (security/sealer.h); nothing personal is
-- stored in clear.

-- requests and outbox are keyed by time-ordered ids and clustered on them (WITHOUT ROWID): a new
-- row is appended to one B-tree instead of a table plus a separate key index.
CREATE TABLE requests (
  id                  TEXT PRIMARY KEY,
  reference           TEXT NOT NULL UNIQUE,
  type                TEXT NOT NULL,
  status              TEXT NOT NULL,
  channel             TEXT NOT NULL,
  priority            TEXT NOT NULL,
  jurisdiction        TEXT NOT NULL,
  language            TEXT NOT NULL,
  received_at         INTEGER NOT NULL,
  received_on         TEXT NOT NULL,
  acknowledge_by      TEXT,
  respond_by          TEXT NOT NULL,
  extended_respond_by TEXT,
  extended            INTEGER NOT NULL DEFAULT 0,
  on_hold             INTEGER NOT NULL DEFAULT 0,
  due_at              INTEGER NOT NULL,
  assignee            TEXT NOT NULL DEFAULT '',
  subject_sealed      BLOB NOT NULL,
  message_sealed      BLOB,
  email_index         BLOB NOT NULL,
  version             INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  closed_at           INTEGER
) STRICT, WITHOUT ROWID;

CREATE INDEX requests_queue ON requests (due_at, id);
CREATE INDEX requests_status ON requests (status, due_at);
CREATE INDEX requests_email ON requests (email_index);

-- Next reference number per year of receipt.
CREATE TABLE reference_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_events (
  seq        INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  at         INTEGER NOT NULL,
  details    TEXT NOT NULL,
  prev_hash  BLOB NOT NULL,
  hash       BLOB NOT NULL
) STRICT;

CREATE INDEX audit_events_request ON audit_events (request_id, seq);

-- One row: the head of the chain as last appended, and the last checkpoint.
CREATE TABLE audit_head (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  seq                 INTEGER NOT NULL,
  hash                BLOB NOT NULL,
  checkpoint_seq      INTEGER NOT NULL,
  checkpoint_at       INTEGER NOT NULL
) STRICT;

INSERT INTO audit_head (id, seq, hash, checkpoint_seq, checkpoint_at)
VALUES (1, 0, zeroblob(32), 0, 0);

CREATE TABLE audit_checkpoints (
  seq        INTEGER PRIMARY KEY,
  hash       BLOB NOT NULL,
  at         INTEGER NOT NULL,
  public_key BLOB NOT NULL,
  signature  BLOB NOT NULL
) STRICT;

CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  request_id      TEXT NOT NULL REFERENCES requests (id),
  kind            TEXT NOT NULL,
  params_sealed   BLOB NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending',
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT, WITHOUT ROWID;

CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);
CREATE INDEX outbox_request ON outbox (request_id, created_at);

-- Audit events are append-only. This stops mistakes, not attackers (who can drop the triggers):
-- the hash chain and the signed checkpoints are what catch deliberate tampering.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
