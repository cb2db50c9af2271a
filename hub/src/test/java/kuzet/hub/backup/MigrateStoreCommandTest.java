package kuzet.hub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.HubMain;
import kuzet.store.Database;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Moving a district hub from its SQLite file to PostgreSQL: everything arrives, and a hub on PostgreSQL carries on. */
class MigrateStoreCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private Run migrate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new HubMain()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(prepend("migrate-store", args));
    return new Run(code, out.toString(), err.toString());
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  void aDistrictHubMovesToPostgresqlWithItsAlertsAndAuditChainAndAHubThereCarriesOn() throws Exception {
    Path sqlite;
    UUID incident = UUID.randomUUID();
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of()).register("alatau-m1", "alatau-m2").start();
         FakePost post = new FakePost(broker.url(), "alatau-m1", "boot-1", 30)) {
      post.publish(post.panic(incident), false);
      await().until(() -> hub.get("/api/alerts").body().contains(incident.toString()));
      sqlite = hub.config().store().sqliteFile();
    }
    StoreSettings pg = TestDatabases.postgres();
    Path password = Files.writeString(dir.resolve("pg-password"), pg.password() + "\n");

    Run run = migrate("--from", sqlite.toString(), "--to", pg.url(), "--to-user", pg.user(),
        "--to-password-file", password.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("posts=2").contains("alerts=1").contains("audit log intact");

    Map<String, String> keys = new HashMap<>(TestDatabases.configKeys(pg));
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker2"));
         HubHarness hub = new HubHarness(dir.resolve("hub2"), broker, keys).start()) {
      HubHarness.Response alerts = hub.get("/api/alerts");
      assertThat(alerts.body()).contains(incident.toString()).contains("alatau-m1");
      assertThat(hub.get("/api/audit/verify").body()).contains("intact");
    }

    Run again = migrate("--from", sqlite.toString(), "--to", pg.url(), "--to-user", pg.user(),
        "--to-password-file", password.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already holds rows in 'posts'");
  }

  @Test
  void everyTableOfTheSchemaIsCopied() throws Exception {
    List<String> tables = new ArrayList<>();
    try (Database db = Database.open(dir.resolve("hub.db"))) {
      db.callAndWait(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master"
            + " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
        return null;
      });
    }
    assertThat(MigrateStoreCommand.TABLES).containsExactlyInAnyOrderElementsOf(tables);
  }

  @Test
  void nonsenseArgumentsAreRefusedSayingWhatIsWrong() {
    Run notPostgres = migrate("--from", dir.resolve("hub.db").toString(), "--to", "jdbc:sqlite:/tmp/x.db");
    assertThat(notPostgres.code()).isEqualTo(2);
    assertThat(notPostgres.err()).contains("--to must be a PostgreSQL database");
    Run noSource = migrate("--from", dir.resolve("missing.db").toString(), "--to", "jdbc:postgresql://127.0.0.1/x");
    assertThat(noSource.code()).isEqualTo(2);
    assertThat(noSource.err()).contains("missing.db does not exist");
    Run badUrl = migrate("--from", dir.resolve("hub.db").toString(), "--to", "postgres://x");
    assertThat(badUrl.code()).isEqualTo(2);
    assertThat(badUrl.err()).contains("neither jdbc:sqlite:FILE nor jdbc:postgresql://");
  }
}
