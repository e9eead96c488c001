-- The Data Rights Protocol 1.0 (issue 4, docs/drp.md): authorized agents registered by an admin
-- (`rightsdesk agent add`), the bearer token of each agent's pair-wise key setup (its hash only),
-- the signatures of messages already used (the replay guard) and the requests agents made.
CREATE TABLE drp_agents (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  email            TEXT NOT NULL,      -- the agent's contact address (a business's, not a consumer's)
  verify_key       BLOB NOT NULL,      -- Ed25519 public key, 32 bytes
  callback_base    TEXT NOT NULL,      -- '' or the prefix every status callback URL must have
  created_at       INTEGER NOT NULL,
  token_hash       BLOB UNIQUE,        -- BLAKE2b of the bearer token; NULL before key setup
  token_issued_at  INTEGER,
  removed_at       INTEGER
) STRICT;

CREATE TABLE drp_signatures (
  signature_hash  BLOB PRIMARY KEY,
  agent_id        TEXT NOT NULL,
  expires_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX drp_signatures_expiry ON drp_signatures (expires_at);

-- No foreign key to requests: the link is written just before the request, with its id.
CREATE TABLE drp_requests (
  request_id        TEXT PRIMARY KEY,
  agent_id          TEXT NOT NULL REFERENCES drp_agents (id),
  agent_request_id  TEXT,              -- NULL when the agent gave none
  status_callback   TEXT NOT NULL,     -- '' when the agent wants none
  created_at        INTEGER NOT NULL,
  UNIQUE (agent_id, agent_request_id)
) STRICT;
