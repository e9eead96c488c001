-- Reports over a period of receipt (issue 7: the §7101 records, the §7102 metrics) read the
-- requests received from one day to another: this index finds them, in order of receipt,
-- without a scan of the whole ledger.
CREATE INDEX requests_received ON requests (received_on, received_at);
