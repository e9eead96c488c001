-- Fraud defences at intake (issue 4): the link of a duplicate to the open request it repeats,
-- and a blind index of the authorized agent's email, so that an agent's request velocity can be
-- counted without unsealing anything. Requests stored before this migration have no agent index
-- (their agents' addresses are sealed); velocity per agent counts from here on.
ALTER TABLE requests ADD COLUMN duplicate_of TEXT REFERENCES requests (id);
ALTER TABLE requests ADD COLUMN agent_index BLOB;

-- Velocity: the requests of one address received in a time window.
DROP INDEX requests_email;
CREATE INDEX requests_email ON requests (email_index, received_at);
CREATE INDEX requests_agent ON requests (agent_index, received_at) WHERE agent_index IS NOT NULL;
