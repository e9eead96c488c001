-- The rule review checklist (issue 7, "Rule reviews"; docs/rules.md "Review checklist"): legal
-- and technical updates to review, each with an owner and a due date. A reminder mark is set once
-- per stage by an update that only matches an unset mark, so two workers never both remind.
CREATE TABLE review_items (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('legal', 'technical')),
  title             TEXT NOT NULL,
  source            TEXT NOT NULL DEFAULT '',
  owner             TEXT NOT NULL,
  due_on            TEXT NOT NULL,          -- YYYY-MM-DD
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by        TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  done_by           TEXT NOT NULL DEFAULT '',
  done_at           INTEGER,
  note              TEXT NOT NULL DEFAULT '',
  reminded_due_soon INTEGER NOT NULL DEFAULT 0,
  reminded_overdue  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX review_items_open ON review_items (status, due_on);

-- Reminders queued for email, written with the mark and the audit event that record them, and
-- sent by the worker (app/rule_reviews.h). Staff addresses only: no consumer's personal data.
CREATE TABLE review_reminders (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES review_items (id),
  stage       TEXT NOT NULL CHECK (stage IN ('due_soon', 'overdue')),
  to_address  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  sent_at     INTEGER
) STRICT;

CREATE INDEX review_reminders_pending ON review_reminders (status, id);
