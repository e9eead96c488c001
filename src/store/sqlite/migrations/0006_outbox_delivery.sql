-- Delivering the outbox (issue 6): a claimed message is 'sending' until its lease (kept in
-- next_attempt_at) runs out; the last failure is kept for staff, without personal data.
ALTER TABLE outbox ADD COLUMN last_error TEXT;
