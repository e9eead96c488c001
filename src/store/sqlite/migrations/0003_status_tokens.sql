-- The consumer's secret status link (issue 3): only a hash of the token is kept, beside the
-- request it opens. NULL for requests that have none (made before this migration).
ALTER TABLE requests ADD COLUMN status_token_hash BLOB;
CREATE UNIQUE INDEX requests_status_token ON requests (status_token_hash)
  WHERE status_token_hash IS NOT NULL;
