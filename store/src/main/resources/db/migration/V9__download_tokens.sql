-- Version 9: the download tokens of rollouts' UPDATE commands, so a token one hub issued opens the download on any hub
-- of the same database and after a restart (they lived only in the issuing hub's memory before). Only the token's
-- SHA-256 is kept, never the token: a copy of the database opens nothing. Times are epoch milliseconds, compared as
-- numbers. A row past its expiry is refused, and deleted when the next token is issued.
CREATE TABLE agent_download_tokens (
  token_hash TEXT PRIMARY KEY,
  rollout_id TEXT NOT NULL REFERENCES agent_rollouts(id),
  post_id TEXT NOT NULL,
  version TEXT NOT NULL REFERENCES agent_releases(version),
  issued_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL);
CREATE INDEX agent_download_tokens_expiry ON agent_download_tokens(expires_at_ms);
