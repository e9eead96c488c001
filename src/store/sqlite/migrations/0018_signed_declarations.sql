-- Declarations signed under penalty of perjury to verify a consumer's identity (issue 4; Cal. Code
-- Regs. tit. 11 §7062(c)). The typed full name and the IP address are sealed, and erased by the
-- retention purge; the fact of the declaration, the version of the statement signed and the time
-- stay as part of the request's record.
CREATE TABLE signed_declarations (
  id                 TEXT PRIMARY KEY,
  request_id         TEXT NOT NULL REFERENCES requests (id),
  statement_version  TEXT NOT NULL,
  signed_at          INTEGER NOT NULL,
  sealed             BLOB             -- {"full_name", "ip"}; NULL once the request was purged
) STRICT, WITHOUT ROWID;

CREATE INDEX declarations_by_request ON signed_declarations (request_id, signed_at);
