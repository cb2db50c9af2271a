package kuzet.hub.auth;

import kuzet.store.StoreSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
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
import kuzet.hub.audit.AuditVerifier;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-ins through a running hub land in its hash-chained audit log, and the chain still verifies. */
class SignInAuditTest {

  @Test
  void signInsAndRefusalsAreInTheVerifiedAuditLog(@TempDir Path dir) throws Exception {
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      HubHarness harness = new HubHarness(dir.resolve("hub"), broker, Map.of());
      Path db = harness.config().store().sqliteFile();
      SessionAccess access = SessionAccess.open(StoreSettings.sqlite(db), AuthSettings.DEFAULT, Clock.systemUTC());
      try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(db))) {
        new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC())
            .create("test", "duty1", Role.OPERATOR, "duty-password-1");
      }
      try (HubHarness hub = harness.access(access).start()) {
        assertThat(signIn(hub, "duty1", "duty-password-1")).isEqualTo(200);
        assertThat(signIn(hub, "duty1", "not-the-password")).isEqualTo(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> actions(db).containsAll(List.of("SIGN_IN", "SIGN_IN_REFUSED")));
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        assertThat(AuditVerifier.verify(c, kuzet.hub.audit.AuditKey.loadOrCreate(kuzet.hub.audit.AuditKey.besideDatabase(db))).intact()).isTrue();
      }
    }
  }

  private static int signIn(HubHarness hub, String user, String password) {
    return hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", password).encode())))
        .status();
  }

  private static List<String> actions(Path db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT action FROM audit WHERE target = 'operator:duty1' ORDER BY seq")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
