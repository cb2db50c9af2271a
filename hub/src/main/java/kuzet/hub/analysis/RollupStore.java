package kuzet.hub.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import kuzet.store.Database;

/** Adds a ledger's rows to {@code post_days} in one transaction (the same statement on SQLite and PostgreSQL). */
public final class RollupStore {
  private static final String COLUMNS = Arrays.stream(DayMeasure.values()).map(DayMeasure::column)
      .collect(Collectors.joining(", "));
  private static final String SQL = "INSERT INTO post_days (post_id, day, night_s, " + COLUMNS + ") VALUES (?, ?, ?"
      + ", ?".repeat(DayMeasure.values().length) + ") ON CONFLICT (post_id, day) DO UPDATE SET night_s = excluded.night_s"
      + Arrays.stream(DayMeasure.values()).map(m -> ", " + m.column() + " = post_days." + m.column() + " + excluded."
      + m.column()).collect(Collectors.joining());

  private RollupStore() {}

  public static int add(Connection c, Map<DayLedger.Key, DayLedger.Row> rows) throws SQLException {
    return Database.inTransaction(c, tx -> {
      try (PreparedStatement ps = tx.prepareStatement(SQL)) {
        for (var e : rows.entrySet()) {
          ps.setString(1, e.getKey().postId());
          ps.setString(2, e.getKey().day().toString());
          ps.setLong(3, e.getValue().nightSeconds());
          for (DayMeasure m : DayMeasure.values()) {
            ps.setLong(4 + m.ordinal(), e.getValue().get(m));
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return rows.size();
    });
  }
}
