-- The basis of a denial, as Cal. Code Regs. tit. 11 §7102(a)(1)(C) splits denials
-- (core/denial_basis.h): set by the change that denies a request; NULL otherwise. A request
-- denied before this column existed reads as "other", which is what it was reported as.
ALTER TABLE requests ADD COLUMN denial_basis TEXT
  CHECK (denial_basis IN ('unverifiable', 'not_a_consumer', 'exempt', 'other'));
