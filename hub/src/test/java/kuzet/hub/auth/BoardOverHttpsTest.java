package kuzet.hub.auth;

import kuzet.store.StoreSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.hub.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board and API over HTTPS when http.tls.cert and http.tls.key are set: a real hub, a real TLS handshake. */
class BoardOverHttpsTest {
  static final String PASSWORD = "operator-password-1";

  @TempDir
  Path dir;

  @Test
  void signInOverHttpsSetsASecureHttpOnlyStrictCookieThatOpensTheApi() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Path data = dir.resolve("hub");
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(data.resolve("hub.db")))) {
      new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC())
          .create("test", "duty1", Role.OPERATOR, PASSWORD);
    }
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         SessionAccess access = SessionAccess.open(StoreSettings.sqlite(data.resolve("hub.db")), AuthSettings.DEFAULT, Clock.systemUTC());
         HubHarness hub = new HubHarness(data, broker, Map.of(
             "http.tls.cert", pki.serverCertPem.toString(), "http.tls.key", pki.serverKeyPem.toString()))
             .register("alatau-001").start(access)) {
      assertThat(hub.base()).startsWith("https://");
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(pki)).connectTimeout(Duration.ofSeconds(5)).build();

      HttpResponse<String> signIn = https.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              new JsonObject().put("username", "duty1").put("password", PASSWORD).encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
      String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(setCookie).startsWith(SessionAccess.COOKIE + "=").containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
          .containsIgnoringCase("SameSite=Strict");
      assertThat(signIn.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

      HttpResponse<String> posts = https.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/posts"))
          .header("Cookie", setCookie.substring(0, setCookie.indexOf(';'))).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posts.statusCode()).isEqualTo(200);
      assertThat(posts.body()).contains("alatau-001");

      // the same port does not also answer plain HTTP, so no session cookie is ever sent in the clear
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
              URI.create(hub.base().replace("https://", "http://") + "/api/posts")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void aCertificateFileThatIsNotPemStopsTheHubAtStartNamingTheKey() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Path garbage = Files.writeString(dir.resolve("not-a-cert.pem"), "this is not a certificate\n");
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of(
             "http.tls.cert", garbage.toString(), "http.tls.key", pki.serverKeyPem.toString()))) {
      assertThatThrownBy(hub::start).hasMessageContaining("'http.tls.cert'").hasMessageContaining(garbage.toString());
    }
  }

  private static SSLContext trusting(TestPki pki) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pki.trustStore)) {
      trust.load(in, TestPki.PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
