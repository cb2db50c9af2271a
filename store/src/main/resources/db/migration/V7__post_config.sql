-- Version 7: the settings the hub manages for each post (CONFIG in docs/protocol.md). One row per post: the desired
-- settings (JSON object of strings) under a version that only grows, who set them, and the post's last answer to a
-- CONFIG (ack_error NULL: applied; ack_restart: keys that wait for the agent's restart).
CREATE TABLE post_config (
  post_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  command_id TEXT NOT NULL,
  settings TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  ack_version BIGINT,
  ack_error TEXT,
  ack_restart TEXT,
  ack_at TEXT);
