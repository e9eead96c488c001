-- The Data Rights Protocol's need_user_verification state (issue 4): the agent is given a link
-- to the request's verification page, which holds the consumer's secret status token. The path is
-- sealed, as the token's only other copies are (the consumer's acknowledgment in the outbox);
-- NULL for requests taken in before this migration, which then never report that state.
ALTER TABLE drp_requests ADD COLUMN verification_path_sealed BLOB;
