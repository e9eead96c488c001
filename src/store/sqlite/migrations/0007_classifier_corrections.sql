-- Staff corrections of the message classifier (issue 6): the message (sealed: it is personal
-- data) and the right type and language; the classifier trains on them at every load.
CREATE TABLE classifier_corrections (
  id           TEXT PRIMARY KEY,
  text_sealed  BLOB NOT NULL,
  type         TEXT NOT NULL,
  language     TEXT NOT NULL,
  actor        TEXT NOT NULL,
  at           INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
