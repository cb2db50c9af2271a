package kuzet.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import kuzet.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows in {@code audit_pending} are adopted into the chain only when a tool holding the audit key sealed them and
 * they are neither back-dated nor replayed; anything else is chained as a refusal that keeps what the row said.
 */
class PendingAuditRefusalTest {
  private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");
  private static final Clock HUB_CLOCK = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private Path db;
  private AuditKey key;

  @BeforeEach
  void chainWithTwoEntries() {
    db = dir.resolve("hub.db");
    key = AuditKey.loadOrCreate(AuditKey.besideDatabase(db));
    try (Database database = Database.open(db)) {
      database.callAndWait(c -> {
        AuditKeying.keyChain(c, key, T0);
        AuditLog.append(c, key, T0.plusSeconds(10), "duty1", "ALERT_ACK", "alert:1", "");
        return null;
      });
    }
  }

  private AuditRecorder tool(Instant now) {
    return (actor, action, target, detail) -> {
      try (Database database = Database.open(db)) {
        PendingAudit.recorder(database, AuditKey.besideDatabase(db), Clock.fixed(now, ZoneOffset.UTC))
            .record(actor, action, target, detail);
      }
    };
  }

  @Test
  void aSealedRowFromAToolIsChainedWithItsTimeAndActor() throws Exception {
    tool(T0.plusSeconds(20)).record("command line", "OPERATOR_ADDED", "operator:dana", "role OPERATOR");
    assertThat(adopt()).isEqualTo(1);
    assertThat(chain()).last().isEqualTo("2026-11-24T18:00:20Z command line OPERATOR_ADDED operator:dana");
    assertThat(verified()).isTrue();
  }

  @Test
  void anInjectedRowWithoutTheSealIsRefused() throws Exception {
    sql("INSERT INTO audit_pending (at, actor, action, target, detail) "
        + "VALUES ('2026-11-24T18:00:30Z', 'admin', 'OPERATOR_ADDED', 'operator:mallory', 'role ADMIN')");
    adopt();
    assertThat(chain()).noneMatch(e -> e.contains("operator:mallory"));
    assertThat(refusals()).singleElement().asString().contains("not sealed with the audit key")
        .contains("actor=admin action=OPERATOR_ADDED target=operator:mallory");
    assertThat(verified()).isTrue();
  }

  @Test
  void aSealedRowEditedAfterwardsIsRefused() throws Exception {
    tool(T0.plusSeconds(20)).record("command line", "OPERATOR_ADDED", "operator:dana", "role VIEWER");
    sql("UPDATE audit_pending SET detail = 'role ADMIN'");
    adopt();
    assertThat(chain()).noneMatch(e -> e.contains("operator:dana"));
    assertThat(refusals()).singleElement().asString().contains("not sealed with the audit key");
  }

  @Test
  void aBackDatedRowIsRefused() throws Exception {
    tool(T0.minusSeconds(3600)).record("command line", "OPERATOR_REMOVED", "operator:duty1", "");
    adopt();
    assertThat(chain()).noneMatch(e -> e.contains("OPERATOR_REMOVED"));
    assertThat(refusals()).singleElement().asString().contains("back-dated").contains("before entry 2");
  }

  @Test
  void aRowFromFarInTheFutureIsRefused() throws Exception {
    tool(T0.plusSeconds(86_400)).record("command line", "OPERATOR_ADDED", "operator:dana", "role OPERATOR");
    adopt();
    assertThat(refusals()).singleElement().asString().contains("ahead of the hub's clock");
  }

  @Test
  void aReplayOfARowAlreadyChainedIsRefused() throws Exception {
    tool(T0.plusSeconds(20)).record("command line", "OPERATOR_ADDED", "operator:dana", "role OPERATOR");
    List<Object[]> saved = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT at, actor, action, target, detail, after_seq, mac FROM audit_pending")) {
      while (rs.next()) {
        saved.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getLong(6), rs.getString(7)});
      }
    }
    adopt();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_pending (at, actor, action, target, detail, after_seq, mac) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < 7; i++) {
        ps.setObject(i + 1, saved.get(0)[i]);
      }
      ps.executeUpdate();
    }
    adopt();
    assertThat(chain()).filteredOn(e -> e.contains("operator:dana")).hasSize(1);
    assertThat(refusals()).singleElement().asString().contains("replayed");
    assertThat(verified()).isTrue();
  }

  private int adopt() {
    try (Database database = Database.open(db)) {
      return database.callAndWait(c -> PendingAudit.adopt(c, key, HUB_CLOCK));
    }
  }

  private boolean verified() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return AuditVerifier.verify(c, key).intact();
    }
  }

  private List<String> chain() throws Exception {
    return query("SELECT at || ' ' || actor || ' ' || action || ' ' || target FROM audit ORDER BY seq");
  }

  private List<String> refusals() throws Exception {
    return query("SELECT detail FROM audit WHERE action = '" + PendingAudit.REFUSED_ACTION + "' ORDER BY seq");
  }

  private List<String> query(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }
}
