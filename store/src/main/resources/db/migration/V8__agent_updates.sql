-- Version 8: signed agent updates (docs/hub.md, "Agent updates"). A release is a signed bundle the hub serves but
-- cannot sign; a rollout sends one release to a list of posts in two stages; each post's row says where it stands
-- and, when it refused or rolled back, why (the reason its agent reported).
CREATE TABLE agent_releases (
  version TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL);

CREATE TABLE agent_rollouts (
  id TEXT PRIMARY KEY,
  version TEXT NOT NULL REFERENCES agent_releases(version),
  allow_downgrade INTEGER NOT NULL,
  first_stage INTEGER NOT NULL,
  state TEXT NOT NULL,
  started_by TEXT NOT NULL,
  started_at TEXT NOT NULL);

CREATE TABLE agent_rollout_posts (
  rollout_id TEXT NOT NULL REFERENCES agent_rollouts(id),
  post_id TEXT NOT NULL,
  stage INTEGER NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  detail TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (rollout_id, post_id));
CREATE INDEX agent_rollout_posts_post ON agent_rollout_posts(post_id);
