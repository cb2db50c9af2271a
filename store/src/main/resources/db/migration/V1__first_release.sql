-- Version 1: the first release's tables. Every statement is idempotent, so a file made before the schema had
-- a history (the registry and the operator store created their own tables then) adopts this version as is.

CREATE TABLE IF NOT EXISTS posts (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  district TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  registered_at TEXT NOT NULL,
  mqtt_password_hash TEXT,
  certificate_serial TEXT,
  revoked_at TEXT);
CREATE INDEX IF NOT EXISTS posts_district ON posts(district);

CREATE TABLE IF NOT EXISTS operators (
  username TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failure_at TEXT,
  locked_until TEXT);

CREATE TABLE IF NOT EXISTS operator_sessions (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES operators(username) ON DELETE CASCADE,
  role TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS audit_pending (
  id ${generatedKey},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS alerts (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  post_id TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alerts_state ON alerts(state, opened_at);

CREATE TABLE IF NOT EXISTS alert_events (
  event_id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL,
  received_at TEXT NOT NULL);

-- seq is given by the appender (the next after the newest), never generated
CREATE TABLE IF NOT EXISTS audit (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);

-- when each incident's button was pressed, by the post's clock (for the incident report)
CREATE TABLE IF NOT EXISTS panic_presses (
  incident_id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL,
  pressed_at TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS commands (
  command_id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL,
  name TEXT NOT NULL,
  incident_id TEXT,
  args TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT,
  completed_at TEXT);
