-- The consumer's secret status link (issue 3): only a hash of its secret is kept, in the request's
-- row. The link names the request's id, so no index on the hash is needed (an index on a random
-- hash would cost every intake a random B-tree write; bench/README.md). NULL for requests made
-- before this migration.
ALTER TABLE requests ADD COLUMN status_token_hash BLOB;
