-- Prioritisation (issue 6): why a request has its priority, as a JSON array of the reasons of the
-- rules that held when it was last evaluated (no personal data: the rules' own words).
ALTER TABLE requests ADD COLUMN priority_reasons TEXT NOT NULL DEFAULT '[]';
