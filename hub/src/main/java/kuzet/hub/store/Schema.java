package kuzet.hub.store;

import java.util.List;

/**
 * The hub's own tables (the post registry and the operator store keep theirs in the same file), as numbered
 * versions. The file's {@code PRAGMA user_version} says which versions it has; the hub applies the missing
 * ones at start and refuses a file from a newer hub. Never edit a released version: add the next one.
 */
final class Schema {
  private Schema() {}

  /** Version 1: the first release (every statement idempotent, so files made before versioning adopt it). */
  private static final List<String> V1 = List.of(
      kuzet.hub.audit.PendingAudit.DDL,
      """
      CREATE TABLE IF NOT EXISTS alerts (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        state TEXT NOT NULL,
        post_id TEXT NOT NULL,
        dedup_key TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        json TEXT NOT NULL)""",
      "CREATE INDEX IF NOT EXISTS alerts_state ON alerts(state, opened_at)",
      """
      CREATE TABLE IF NOT EXISTS alert_events (
        event_id TEXT PRIMARY KEY,
        alert_id TEXT NOT NULL,
        received_at TEXT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL)""",
      // when each incident's button was pressed, by the post's clock (for the incident report)
      """
      CREATE TABLE IF NOT EXISTS panic_presses (
        incident_id TEXT PRIMARY KEY,
        post_id TEXT NOT NULL,
        pressed_at TEXT NOT NULL)""",
      """
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
        completed_at TEXT)""");

  /** {@code VERSIONS.get(n - 1)} takes a file from version n - 1 to n. */
  static final List<List<String>> VERSIONS = List.of(V1);

  /** The newest version this hub knows. */
  static final int CURRENT = VERSIONS.size();
}
