-- Version 4: what each post did each day (in the hub's time zone), kept by the hub as it goes, so the analysis
-- reads a year of a thousand posts from 365,000 small rows instead of the time-series store. Seconds and counts
-- are added to (ON CONFLICT ... DO UPDATE); night_s is the day's sunset-to-sunrise seconds at the post.
CREATE TABLE IF NOT EXISTS post_days (
  post_id TEXT NOT NULL,
  day TEXT NOT NULL,
  night_s BIGINT NOT NULL DEFAULT 0,
  online_s BIGINT NOT NULL DEFAULT 0,
  lit_s BIGINT NOT NULL DEFAULT 0,
  night_lit_s BIGINT NOT NULL DEFAULT 0,
  mains_out_s BIGINT NOT NULL DEFAULT 0,
  mains_outages BIGINT NOT NULL DEFAULT 0,
  lamp_faults BIGINT NOT NULL DEFAULT 0,
  sensor_faults BIGINT NOT NULL DEFAULT 0,
  self_tests_passed BIGINT NOT NULL DEFAULT 0,
  self_tests_failed BIGINT NOT NULL DEFAULT 0,
  door_opened BIGINT NOT NULL DEFAULT 0,
  tamper BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (post_id, day));
CREATE INDEX IF NOT EXISTS post_days_day ON post_days(day);

-- the analysis reads alerts by when they opened, whatever their state
CREATE INDEX IF NOT EXISTS alerts_opened ON alerts(opened_at);
