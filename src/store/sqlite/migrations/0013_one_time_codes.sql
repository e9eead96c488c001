-- One-time codes (core/one_time_code.h): six digits sent to the consumer before an access package
-- is downloaded, and later to verify identity. Never stored in clear: code_hash is a keyed
-- BLAKE2b of the row's id and the code, under a key derived from the master key, so the table
-- alone cannot be brute-forced over the 10^6 possible codes. seq numbers a purpose's codes
-- (1, 2, ...): the latest is the only one that can be used, and the count is the issue limit.
CREATE TABLE one_time_codes (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests (id),
  purpose     TEXT NOT NULL,    -- "package:<id>"
  seq         INTEGER NOT NULL,
  code_hash   BLOB NOT NULL,
  issued_at   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,  -- every check of this code, right or wrong
  used_at     INTEGER,                     -- set once, when accepted
  UNIQUE (request_id, purpose, seq)
) STRICT, WITHOUT ROWID;
