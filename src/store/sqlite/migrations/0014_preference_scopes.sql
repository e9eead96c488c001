-- The preference ledger gains the right each preference stands for (issue 5): an opt-out of
-- sale/sharing (GPC or a request) or a limit of the use of sensitive personal information (a
-- request). Existing rows are all opt-outs of sale/sharing.
CREATE TABLE preferences (
  subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('browser', 'consumer')),
  subject_key   BLOB NOT NULL,
  scope         TEXT NOT NULL CHECK (scope IN ('sale_sharing', 'limit_sensitive')),
  source        TEXT NOT NULL,
  recorded_at   INTEGER NOT NULL,
  PRIMARY KEY (subject_kind, subject_key, scope)
) STRICT, WITHOUT ROWID;

INSERT INTO preferences (subject_kind, subject_key, scope, source, recorded_at)
  SELECT subject_kind, subject_key, 'sale_sharing', source, recorded_at FROM opt_out_preferences;

DROP TABLE opt_out_preferences;
