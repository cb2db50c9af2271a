package kuzet.hub.backup;

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
import java.util.Map;
import java.util.UUID;
import kuzet.hub.audit.AuditVerifier;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackupCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run backup(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new BackupCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aBackupTakenWhileTheHubRunsHoldsItsAlertsAndAnIntactAuditChain() throws Exception {
    Path copy = dir.resolve("backups/hub-copy.db");
    Files.createDirectories(copy.getParent());
    Path keyFile;
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of()).register("alatau-b1", "alatau-b2").start();
         FakePost post = new FakePost(broker.url(), "alatau-b1", "boot-1", 30)) {
      post.publish(post.panic(UUID.randomUUID()), false);
      await().until(() -> hub.get("/api/alerts").json().size() == 1);

      keyFile = hub.config().auditKeyFile();
      Run run = backup("--db", hub.config().store().sqliteFile().toString(), "--to", copy.toString());
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).contains("2 posts, 1 alerts").contains("audit log intact");
      assertThat(hub.get("/health").status()).as("the hub keeps running").isEqualTo(200);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT type, post_id FROM alerts")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("PANIC");
      assertThat(rs.getString(2)).isEqualTo("alatau-b1");
      assertThat(AuditVerifier.verify(c, kuzet.hub.audit.AuditKey.load(keyFile)).intact()).isTrue();
    }
  }

  @Test
  void aCopyOfATamperedAuditLogIsReportedDamaged() throws Exception {
    Path db = dir.resolve("hub.db");
    try (kuzet.store.Database hubDb = kuzet.store.Database.open(db)) {
      kuzet.hub.audit.AuditKey key = kuzet.hub.audit.AuditKey.loadOrCreate(kuzet.hub.audit.AuditKey.besideDatabase(db));
      hubDb.callAndWait(c -> {
        kuzet.hub.audit.AuditLog.append(c, key, java.time.Instant.parse("2026-11-24T20:00:00Z"), "duty1", "ACK", "alert:1", "");
        kuzet.hub.audit.AuditLog.append(c, key, java.time.Instant.parse("2026-11-24T20:01:00Z"), "duty1", "RESOLVE", "alert:1", "");
        return null;
      });
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit SET actor = 'somebody-else' WHERE seq = 1");
    }
    Run run = backup("--db", db.toString(), "--to", dir.resolve("copy.db").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("damaged").contains("BROKEN at entry 1");
  }

  @Test
  void neverOverwritesAndNamesWhatIsMissing() throws Exception {
    Path db = dir.resolve("hub.db");
    kuzet.store.Database.open(db).close();
    Path existing = Files.writeString(dir.resolve("yesterday.db"), "last night's backup");

    Run overwrite = backup("--db", db.toString(), "--to", existing.toString());
    assertThat(overwrite.code()).isEqualTo(2);
    assertThat(overwrite.err()).contains("already exists");
    assertThat(Files.readString(existing)).isEqualTo("last night's backup");

    Run missing = backup("--db", dir.resolve("nope.db").toString(), "--to", dir.resolve("x.db").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.db").contains("does not exist");

    Run noTarget = backup("--db", db.toString());
    assertThat(noTarget.code()).isEqualTo(2);
    assertThat(noTarget.err()).contains("--to");

    Run noConfig = backup("--config", dir.resolve("absent.properties").toString(), "--to", dir.resolve("y.db").toString());
    assertThat(noConfig.code()).isEqualTo(2);
    assertThat(noConfig.err()).contains("absent.properties");

    Run both = backup("--config", "a", "--db", db.toString(), "--to", dir.resolve("z.db").toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aPostgresqlStoreIsBackedUpWithPgDumpAndItsAuditChainChecked() throws Exception {
    kuzet.store.StoreSettings pg = kuzet.hub.testing.TestDatabases.postgres();
    Path keyFile = dir.resolve("pg-audit.key");
    kuzet.hub.audit.AuditKey key = kuzet.hub.audit.AuditKey.loadOrCreate(keyFile);
    try (kuzet.store.Database hubDb = kuzet.store.Database.open(pg)) {
      hubDb.callAndWait(c -> {
        kuzet.hub.audit.AuditKeying.keyChain(c, key, java.time.Instant.parse("2026-11-24T19:59:00Z"));
        kuzet.hub.audit.AuditLog.append(c, key, java.time.Instant.parse("2026-11-24T20:00:00Z"), "duty1", "ACK", "alert:1", "");
        return null;
      });
    }
    Path config = dir.resolve("hub.properties");
    Files.writeString(config, "store.url=" + pg.url() + "\nstore.user=" + pg.user() + "\nstore.password=" + pg.password()
        + "\nhub.auditKeyFile=" + keyFile + "\n");
    Path copy = dir.resolve("hub.dump");
    Run run = backup("--config", config.toString(), "--to", copy.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("pg_dump custom format").contains("audit log intact: 2 entries");
    assertThat(Files.size(copy)).isPositive();

    Run again = backup("--config", config.toString(), "--to", copy.toString());
    assertThat(again.code()).as("never overwrites").isEqualTo(2);
  }
}
