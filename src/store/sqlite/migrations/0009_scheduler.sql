-- The scheduler (issue 6). A request keeps the marks of the once-only steps taken for it
-- (reminders, escalations, alarms), as a JSON array written in the same change as the step's
-- events and messages: a step is never taken twice, whoever runs it.
ALTER TABLE requests ADD COLUMN scheduler_marks TEXT NOT NULL DEFAULT '[]';

-- Who runs each scheduled job now (a lease that runs out, so a crashed worker's job is taken
-- over), and the last day a daily job ran ('' never).
CREATE TABLE scheduler_jobs (
  job          TEXT PRIMARY KEY,
  holder       TEXT NOT NULL,
  lease_until  INTEGER NOT NULL,
  last_run     TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
