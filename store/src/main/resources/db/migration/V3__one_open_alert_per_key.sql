-- Version 3: the database, not each hub's memory, guarantees one open alert per deduplication key (for a PANIC,
-- per incident): a second hub that raises the same incident at the same moment (a takeover, a redelivery) is refused
-- and takes the stored alert instead.
CREATE UNIQUE INDEX alerts_one_open_per_key ON alerts(dedup_key) WHERE state <> 'RESOLVED';
