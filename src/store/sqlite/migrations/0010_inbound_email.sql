-- Email intake (issue 6): every message that arrived, once (its id derives from its Message-ID),
-- with what it became. The sender's address, name, subject and text are sealed together; each
-- attachment's name and bytes are sealed apart.
CREATE TABLE inbound_messages (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  request_id      TEXT REFERENCES requests (id),
  received_at     INTEGER NOT NULL,
  content_sealed  BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX inbound_by_request ON inbound_messages (request_id, received_at);
CREATE INDEX inbound_by_kind ON inbound_messages (kind, received_at);

CREATE TABLE inbound_attachments (
  inbound_id       TEXT NOT NULL REFERENCES inbound_messages (id),
  n                INTEGER NOT NULL,
  content_type     TEXT NOT NULL,
  size             INTEGER NOT NULL,
  filename_sealed  BLOB NOT NULL,
  bytes_sealed     BLOB NOT NULL,
  PRIMARY KEY (inbound_id, n)
) STRICT, WITHOUT ROWID;
