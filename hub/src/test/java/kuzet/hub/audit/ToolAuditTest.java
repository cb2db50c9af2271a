package kuzet.hub.audit;

import kuzet.store.StoreSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kuzet.hub.auth.CreateOperatorCommand;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hub operator add} beside a stopped and a running hub: its entries end up in the verified chain. */
class ToolAuditTest {
  @TempDir
  Path dir;

  @Test
  void operatorsAddedFromTheCommandLineAreChainedBeforeAndWhileTheHubRuns() throws Exception {
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      HubHarness harness = new HubHarness(dir.resolve("hub"), broker, Map.of());
      Path db = harness.config().store().sqliteFile();
      Files.createDirectories(db.getParent());
      assertThat(addOperator(db, "early")).isZero();
      assertThat(chained(db)).as("nothing chains while the hub is stopped").isEmpty();

      try (HubHarness hub = harness.start()) {
        await().atMost(Duration.ofSeconds(20)).until(() -> chained(db).equals(List.of("OPERATOR_ADDED operator:early")));
        assertThat(addOperator(db, "late")).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> chained(db).size() == 2);
        assertThat(hub.get("/api/audit/verify").json().get("intact").asBoolean()).isTrue();
      }
      assertThat(chained(db)).containsExactly("OPERATOR_ADDED operator:early", "OPERATOR_ADDED operator:late");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_pending")) {
        rs.next();
        assertThat(rs.getInt(1)).as("nothing left waiting").isZero();
        assertThat(AuditVerifier.verify(c, AuditKey.load(AuditKey.besideDatabase(db))).intact()).isTrue();
      }
    }
  }

  @Test
  void deletingTheNewestEntriesShowsInTheAuditGaugeOutsideTheDatabase() throws Exception {
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of()).start()) {
      Path db = hub.config().store().sqliteFile();
      assertThat(addOperator(db, "someone")).isZero();
      await().until(() -> chained(db).size() == 1);
      long head = lastSeq(db);
      await().until(() -> hub.metric("kuzet_audit_entries", null) == head);

      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM audit WHERE seq = " + head);
      }
      assertThat(hub.get("/api/audit/verify").json().get("intact").asBoolean())
          .as("a shorter chain still verifies: that is why the gauge exists").isTrue();
      await().until(() -> hub.metric("kuzet_audit_entries", null) == head - 1);
    }
  }

  private static long lastSeq(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM audit")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private int addOperator(Path db, String username) throws Exception {
    Path password = Files.writeString(dir.resolve(username + ".pw"), "a-long-password-for-" + username + "\n");
    CommandLine cmd = new CommandLine(new CreateOperatorCommand(StoreSettings.sqlite(db), Clock.systemUTC()));
    cmd.setOut(new PrintWriter(new StringWriter()));
    return cmd.execute("--username", username, "--role", "operator", "--password-file", password.toString());
  }

  /** Operator entries in the hash chain, oldest first; empty while the chain's table does not exist yet. */
  private static List<String> chained(Path db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet t = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit'")) {
      if (!t.next()) {
        return out;
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT action, target FROM audit WHERE action LIKE 'OPERATOR_%' ORDER BY seq")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return out;
  }
}
