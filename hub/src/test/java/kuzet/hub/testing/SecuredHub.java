package kuzet.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.store.StoreSettings;
import kuzet.hub.auth.Role;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.auth.OperatorStore;

/**
 * A hub as production runs it, seen from outside: sign-in on (an admin and an operator), a real Mosquitto,
 * and a plain HTTP client that sends exactly what a test tells it to. The sign-in clock is the test's, so
 * session lifetimes and back-offs can be moved without waiting; the rest of the hub runs on the real clock.
 */
public final class SecuredHub implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PW = "admin-password-1";
  public static final String OPERATOR = "duty1";
  public static final String OPERATOR_PW = "duty-password-1";
  public static final String POST = "alatau-001";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final TestBroker broker;
  public final HubHarness hub;
  public final SessionAccess access;

  /** A signed-in browser: the cookie it sends and the CSRF token it echoes. */
  public record Browser(String cookie, String csrf) {}

  private SecuredHub(TestBroker broker, HubHarness hub, SessionAccess access) {
    this.broker = broker;
    this.hub = hub;
    this.access = access;
  }

  public static SecuredHub start(Path dir, Map<String, String> config, Clock authClock) throws Exception {
    return start(dir, config, authClock, Clock.systemUTC());
  }

  /** As {@link #start(Path, Map, Clock)}, with the whole hub on {@code hubClock} too (timed alert behaviour). */
  public static SecuredHub start(Path dir, Map<String, String> config, Clock authClock, Clock hubClock) throws Exception {
    TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
    HubHarness hub = new HubHarness(dir.resolve("hub"), broker, config).register(POST).clock(hubClock);
    StoreSettings db = hub.config().store();
    try (OperatorStore store = OperatorStore.open(db)) {
      OperatorService ops = new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, authClock);
      ops.create("test", ADMIN, Role.ADMIN, ADMIN_PW);
      ops.create("test", OPERATOR, Role.OPERATOR, OPERATOR_PW);
    }
    SessionAccess access = SessionAccess.open(db, authSettings(hub), authClock);
    try {
      hub.start(access);
    } catch (RuntimeException e) {
      access.close();
      broker.close();
      throw e;
    }
    return new SecuredHub(broker, hub, access);
  }

  public static SecuredHub start(Path dir) throws Exception {
    return start(dir, Map.of(), Clock.systemUTC());
  }

  private static AuthSettings authSettings(HubHarness hub) {
    return AuthSettings.from(hub.config().signIn());
  }

  public String base() {
    return hub.base();
  }

  public HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public HttpResponse<String> signIn(String username, String password, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", "/api/session", HttpRequest.BodyPublishers.ofString(
        new JsonObject().put("username", username).put("password", password).encode()), all);
  }

  public Browser signedIn(String username, String password) {
    HttpResponse<String> r = signIn(username, password);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Browser(setCookie.substring(0, setCookie.indexOf(';')), new JsonObject(r.body()).getString("csrfToken"));
  }

  /** A state-changing request as the board sends it. */
  public HttpResponse<String> as(Browser b, String method, String path, String json) {
    return send(method, path, json == null ? null : HttpRequest.BodyPublishers.ofString(json),
        "Content-Type", "application/json", "Cookie", b.cookie(), SessionAccess.CSRF_HEADER, b.csrf());
  }

  /** The live stream as the signed-in browser opens it. */
  public SseClient stream(Browser b) {
    return new SseClient(base() + "/api/stream", null, "Cookie", b.cookie());
  }

  /** A multipart/form-data body of {@code files} files of {@code bytes} bytes each; returns {content type, body}. */
  public static Object[] multipart(int files, int bytes) {
    String boundary = "----kuzet-attack-" + System.nanoTime();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < files; i++) {
      b.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"f").append(i).append("\"; filename=\"junk").append(i)
          .append(".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .append("x".repeat(bytes)).append("\r\n");
    }
    b.append("--").append(boundary).append("--\r\n");
    return new Object[] {"multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofString(b.toString())};
  }

  /** Regular files under {@code dir} (0 when it does not exist): what uploads would have left behind. */
  public static long filesUnder(Path dir) throws IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return 0;
    }
    try (var walk = java.nio.file.Files.walk(dir)) {
      return walk.filter(java.nio.file.Files::isRegularFile).count();
    }
  }

  @Override
  public void close() {
    try {
      hub.close();
    } finally {
      access.close();
      broker.close();
    }
  }
}
