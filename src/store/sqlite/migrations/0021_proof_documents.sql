-- Documents given as proof with a request (issue 4): the consumer's signed permission for an
-- authorized agent, a power of attorney. The name and the bytes are sealed (they are personal
-- data) and erased with the rest of the request's personal data at the end of retention; the row
-- stays as the record that the proof was given.
CREATE TABLE proof_documents (
  id            TEXT PRIMARY KEY,
  request_id    TEXT NOT NULL REFERENCES requests (id),
  kind          TEXT NOT NULL,    -- "agent_permission" or "power_of_attorney"
  added_at      INTEGER NOT NULL,
  added_by      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  name_sealed   BLOB,             -- NULL once erased
  sealed        BLOB              -- NULL once erased
) STRICT, WITHOUT ROWID;

CREATE INDEX proof_documents_by_request ON proof_documents (request_id, added_at);
