package kuzet.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.Map;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Webhook tokens never reach the audit trail: the hub's own CONFIG_LOADED entry, read from its database. */
class SecretUrlsTest {
  static final String HOOK = "https://hooks.example.kz/services/T0/B0/s3cr3tPathToken?token=s3cr3tQuery";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://hooks.example.kz/services/T0/B0/s3cr3t      | https://hooks.example.kz/(redacted ",
      "http://user:s3cr3t@hooks.example.kz:8443/           | http://hooks.example.kz:8443/(redacted ",
      "notify https://hooks.example.kz/x?token=s3cr3t, and | notify https://hooks.example.kz/(redacted ",
      "https://hooks.example.kz                            | https://hooks.example.kz"})
  void urlsKeepTheirHostAndLoseTheirTokens(String text, String expected) {
    assertThat(SecretUrls.redact(text)).startsWith(expected).doesNotContain("s3cr3t");
  }

  @Test
  void aChangedTokenStillShowsAsAChange() {
    assertThat(SecretUrls.redact("https://h.example/a?token=1")).isNotEqualTo(SecretUrls.redact("https://h.example/a?token=2"));
  }

  @Test
  void theConfigurationAuditedAtStartHasNoWebhookToken(@TempDir Path dir) throws Exception {
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of("notify.duty-desk.webhook", HOOK)).start();
         Connection c = DriverManager.getConnection("jdbc:sqlite:" + hub.config().store().sqliteFile());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT detail FROM audit WHERE action = 'CONFIG_LOADED'")) {
      assertThat(rs.next()).as("a CONFIG_LOADED entry").isTrue();
      String detail = rs.getString(1);
      assertThat(detail).contains("notify.duty-desk.webhook=https://hooks.example.kz/(redacted ")
          .doesNotContain("s3cr3t");
    }
  }
}
