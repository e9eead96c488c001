-- Files attached to manual tasks (issue 5): the evidence a system's owner keeps of what was done.
-- The name and the bytes are sealed (they may be the consumer's data) and erased with the rest of
-- the request's personal data at the end of retention; the row stays as the record.
CREATE TABLE task_attachments (
  id            TEXT PRIMARY KEY,
  task_id       TEXT NOT NULL REFERENCES manual_tasks (id),
  request_id    TEXT NOT NULL REFERENCES requests (id),
  added_at      INTEGER NOT NULL,
  added_by      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  name_sealed   BLOB,             -- NULL once erased
  sealed        BLOB              -- NULL once erased
) STRICT, WITHOUT ROWID;

CREATE INDEX attachments_by_task ON task_attachments (task_id, added_at);
CREATE INDEX attachments_by_request ON task_attachments (request_id);
