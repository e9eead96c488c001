-- The dashboards (docs/dashboards.md) time each status from the "request.transitioned" events of
-- the requests received in a period. This partial index holds just those events, by request in
-- chain order, with their time and details: the read never visits the audit table itself, and
-- the other events (most of the trail) are not in it. `action` is a column too, so that SQLite
-- sees the index covers the query's condition on it.
CREATE INDEX audit_events_transitions ON audit_events (request_id, action, seq, at, details)
  WHERE action = 'request.transitioned';
