package kuzet.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.HubMain;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The audit trail of a real hub run (config, PANIC opened, escalated, acknowledged, a staffing mark) is
 * hash-chained: untouched it verifies; editing any one entry in the SQLite file makes `hub audit verify`
 * and GET /api/audit/verify fail and name exactly that entry.
 */
class AuditChainTest {

  // the build machine is shared and often saturated: give the broker round trips room, not the defaults' 10 s
  @org.junit.jupiter.api.BeforeAll
  static void patientAwaits() {
    org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
  }

  @org.junit.jupiter.api.AfterAll
  static void defaultAwaits() {
    org.awaitility.Awaitility.reset();
  }
  static final String[] COLUMNS = {"at", "actor", "action", "target", "detail", "prev_hash", "hash"};

  record Run(int exit, String out) {}

  static Run verify(Path db) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new HubMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("audit", "verify", "--db", db.toString());
    return new Run(exit, out + err.toString());
  }

  static List<Long> seqs(Path db) throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT seq FROM audit ORDER BY seq")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  static void edit(Path db, long seq, String column) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         PreparedStatement ps = c.prepareStatement("UPDATE audit SET " + column + " = " + column + " || 'x' WHERE seq = ?")) {
      ps.setLong(1, seq);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void untouchedLogVerifiesAndEditingAnySingleEntryIsNamed(@TempDir Path dir) throws Exception {
    Path db;
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of("fleet.heartbeatTimeoutS", "86400"))
             .register("alatau-1").start();
         FakePost post = new FakePost(broker.url(), "alatau-1", "boot-1", 30)) {
      db = hub.config().store().sqliteFile();
      post.publish(post.panic(UUID.randomUUID()), false);
      await().until(() -> hub.get("/api/alerts?state=open").json().size() == 1);
      String id = hub.get("/api/alerts?state=open").json().get(0).get("id").asText();
      await().until(() -> hub.get("/api/alerts/" + id).json().get("escalationLevel").asInt() == 1);
      assertThat(hub.post("/api/alerts/" + id + "/ack", "{}").status()).isEqualTo(200);

      HubHarness.Response ok = hub.get("/api/audit/verify");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.json().get("intact").asBoolean()).isTrue();
      long entries = ok.json().get("checked").asLong();
      assertThat(entries).isGreaterThanOrEqualTo(4);

      edit(db, 2, "detail");
      HubHarness.Response broken = hub.get("/api/audit/verify");
      assertThat(broken.status()).isEqualTo(409);
      assertThat(broken.json().get("firstBrokenEntry").asLong()).isEqualTo(2);
      assertThat(broken.json().get("message").asText()).contains("BROKEN at entry 2");
    }

    Path pristine = dir.resolve("pristine.db");
    Files.copy(db, pristine);
    // with --db the verifier reads the audit.key beside the file
    Files.copy(AuditKey.besideDatabase(db), AuditKey.besideDatabase(pristine),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + pristine);
         PreparedStatement ps = c.prepareStatement("UPDATE audit SET detail = substr(detail, 1, length(detail) - 1) WHERE seq = 2")) {
      ps.executeUpdate(); // undo the live edit, so the copy is the untouched log again
    }
    Run intact = verify(pristine);
    assertThat(intact.exit()).as(intact.out()).isZero();
    assertThat(intact.out()).contains("audit log intact");

    Path viaConfig = Files.createDirectories(dir.resolve("via-config"));
    Files.copy(pristine, viaConfig.resolve("hub.db"));
    Files.copy(AuditKey.besideDatabase(db), viaConfig.resolve(AuditKey.DEFAULT_NAME),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Path props = Files.writeString(dir.resolve("hub.properties"), "hub.dataDir=" + viaConfig + "\n");
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new HubMain()).setOut(new PrintWriter(out))
        .execute("audit", "verify", "--config", props.toString());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("entries verified");

    List<Long> all = seqs(pristine);
    for (int i = 0; i < all.size(); i++) {
      long seq = all.get(i);
      String column = COLUMNS[i % COLUMNS.length];
      Path copy = dir.resolve("edit-" + seq + ".db");
      Files.copy(pristine, copy);
      edit(copy, seq, column);
      Run r = verify(copy);
      assertThat(r.exit()).as("editing %s of entry %d: %s", column, seq, r.out()).isEqualTo(3);
      assertThat(r.out()).contains("BROKEN at entry " + seq + ":");
    }
  }

  @Test
  void verifyRefusesAMissingDatabaseAndNeedsExactlyOneSource(@TempDir Path dir) {
    Run missing = verify(dir.resolve("nope.db"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).contains("does not exist");

    StringWriter err = new StringWriter();
    int both = new CommandLine(new HubMain()).setErr(new PrintWriter(err))
        .execute("audit", "verify", "--db", "a.db", "--config", "b.properties");
    assertThat(both).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }
}
