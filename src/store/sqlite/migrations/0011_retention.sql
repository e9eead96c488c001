-- Records retention (issue 7, Cal. Code Regs. tit. 11 §7101): when a closed request's retention
-- period has passed, its personal data is erased and only the minimal record (type, dates,
-- status, the audit trail) is kept; purged_at says when. The partial index finds what is due.
ALTER TABLE requests ADD COLUMN purged_at INTEGER;
CREATE INDEX requests_to_purge ON requests (closed_at) WHERE purged_at IS NULL AND closed_at IS NOT NULL;
