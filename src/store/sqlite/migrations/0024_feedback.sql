-- The consumer's feedback after a request closes (issue 7 item 4, docs/feedback.md): one row per
-- request, made when the survey link is sent (only a hash of the link's secret is kept) or when
-- the consumer answers through their status link. One answer per request: answered_at is set
-- once, by an update that only matches an unanswered row. The comment is personal data: sealed,
-- and erased by the retention purge; the score stays as part of the record.
CREATE TABLE feedback (
  request_id      TEXT PRIMARY KEY REFERENCES requests (id),
  invite_hash     BLOB,             -- the survey link's secret, hashed; NULL when none was sent
  invited_at      INTEGER,
  score           INTEGER CHECK (score BETWEEN 1 AND 5),
  comment_sealed  BLOB,             -- NULL when no comment, or once purged
  answered_at     INTEGER
) STRICT, WITHOUT ROWID;

CREATE INDEX feedback_answers ON feedback (answered_at) WHERE answered_at IS NOT NULL;
