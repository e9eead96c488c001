-- Account tokens used to re-authenticate an account holder (issue 4; Cal. Code Regs. tit. 11
-- §7061). A token works once: its use is stored under a hash of its issuer and jti, and a second
-- use of the same token is refused, whichever request it is shown for. Neither the token nor its
-- claims are stored (the audit event names the issuer, key and algorithm only).
CREATE TABLE account_token_uses (
  use_id      TEXT PRIMARY KEY,   -- BLAKE2b-256 of issuer and jti, hex
  request_id  TEXT NOT NULL REFERENCES requests (id),
  used_at     INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL    -- the token's exp: past it (and the leeway) it is refused anyway
) STRICT, WITHOUT ROWID;
