-- Version 6: alert types an operator shelved at one post for a bounded time (docs/alarms.md). A shelf ends when
-- its time runs out (ended_by 'system') or when an operator takes it off early.
CREATE TABLE alert_shelves (
  id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL,
  type TEXT NOT NULL,
  shelved_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  shelved_at TEXT NOT NULL,
  until TEXT NOT NULL,
  ended_at TEXT,
  ended_by TEXT);
CREATE INDEX alert_shelves_open ON alert_shelves(ended_at);
