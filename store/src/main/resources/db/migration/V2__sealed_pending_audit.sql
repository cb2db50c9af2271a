-- Version 2: audit entries written by tools beside the hub are sealed with the audit key (which is not in the
-- database) and name the newest chained entry the tool saw, so that injected, edited or back-dated rows are refused.
ALTER TABLE audit_pending ADD COLUMN after_seq BIGINT;
ALTER TABLE audit_pending ADD COLUMN mac TEXT;
