-- The training workspace's attempts (issue 7 item 5, docs/training.md): a trainee's work on one
-- scenario of the library. Kept apart from requests, so that training never reaches the queue,
-- the outbox or a data source, and kept (no retention purge: it is no consumer's personal data)
-- as the evidence of the training policy (§7100). finished_at is set once, by an update that
-- only matches an unfinished row.
CREATE TABLE training_attempts (
  id                TEXT PRIMARY KEY,
  staff             TEXT NOT NULL,
  scenario          TEXT NOT NULL,
  scenario_version  INTEGER NOT NULL,
  started_at        INTEGER NOT NULL,
  received_on       TEXT NOT NULL,      -- YYYY-MM-DD: the synthetic request's day 0
  finished_at       INTEGER,
  score             INTEGER,
  max_score         INTEGER,
  answers           TEXT                -- JSON object: decision id -> answer
) STRICT, WITHOUT ROWID;

CREATE INDEX training_attempts_started ON training_attempts (started_at);
