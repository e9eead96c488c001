-- The preference ledger (issue 3's Global Privacy Control; issue 5 builds on it): an opt-out of
-- sale/sharing recorded for a browser or a consumer. Only a keyed hash (blind index) of the
-- browser's random id or the consumer's email is kept, never the id or the address.
CREATE TABLE opt_out_preferences (
  subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('browser', 'consumer')),
  subject_key   BLOB NOT NULL,
  source        TEXT NOT NULL,
  recorded_at   INTEGER NOT NULL,
  PRIMARY KEY (subject_kind, subject_key)
) STRICT, WITHOUT ROWID;
