package kuzet.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kuzet.hub.audit.AuditLog;

/**
 * Records the configuration the hub starts with, and which keys changed since the last start, so a
 * changed threshold or escalation chain is in the tamper-evident trail. Secrets are never written, nor the tokens
 * in webhook URLs.
 */
public final class ConfigAudit {
  static final String ACTION = "CONFIG_LOADED";

  private ConfigAudit() {}

  /** On the database thread at start-up. */
  public static void record(Connection c, AuditKey key, Instant at, Map<String, String> values) throws SQLException {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((k, v) -> shown.put(k, secret(k) ? "(set)" : SecretUrls.redact(v)));
    String detail = shown.toString();
    String previous = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT detail FROM audit WHERE action = ? ORDER BY seq DESC LIMIT 1")) {
      ps.setString(1, ACTION);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          previous = rs.getString(1);
        }
      }
    }
    if (detail.equals(previous)) {
      return;
    }
    AuditLog.append(c, key, at, "system", ACTION, "config", detail);
    if (previous != null) {
      AuditLog.append(c, key, at, "system", "CONFIG_CHANGED", "config", "changed since the last start: " + changedKeys(previous, detail));
    }
  }

  private static boolean secret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("token");
  }

  private static String changedKeys(String before, String after) {
    Map<String, String> a = parse(before);
    Map<String, String> b = parse(after);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    keys.removeIf(k -> java.util.Objects.equals(a.get(k), b.get(k)));
    return String.join(", ", keys);
  }

  /** Reads back Map.toString's {k=v, k=v}; values with ", " in them only blur which key changed. */
  private static Map<String, String> parse(String text) {
    Map<String, String> m = new TreeMap<>();
    String body = text.length() >= 2 ? text.substring(1, text.length() - 1) : "";
    for (String pair : body.split(", ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return m;
  }
}
