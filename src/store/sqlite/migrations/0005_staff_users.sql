-- Staff console accounts and their sessions (issue 3). Passwords as argon2id strings; the TOTP
-- secret sealed like personal data; sessions by the hash of their cookie's secret only.
CREATE TABLE staff_users (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  role            TEXT NOT NULL,
  password_hash   TEXT NOT NULL,
  totp_sealed     BLOB NOT NULL,
  last_totp_step  INTEGER NOT NULL DEFAULT 0,  -- a TOTP code is accepted once
  failed_logins   INTEGER NOT NULL DEFAULT 0,  -- since the last success
  locked_until    INTEGER,
  created_at      INTEGER NOT NULL,
  disabled_at     INTEGER
) STRICT;

CREATE TABLE staff_sessions (
  token_hash  BLOB PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES staff_users (id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  ended_at    INTEGER
) STRICT, WITHOUT ROWID;
