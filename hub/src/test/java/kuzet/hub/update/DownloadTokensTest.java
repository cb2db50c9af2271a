package kuzet.hub.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.PostMessages;
import kuzet.hub.testing.TestBroker;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandName;
import kuzet.protocol.EventKind;
import kuzet.protocol.Readings;
import kuzet.protocol.testing.MutableClock;
import kuzet.release.ReleaseBundle;
import kuzet.release.ReleaseKeys;
import kuzet.release.ReleaseVersion;
import kuzet.store.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download tokens of a rollout's UPDATE live in the database: a token a hub issued still opens the release after
 * that hub restarts (SQLite) and on the other of two active hubs of one PostgreSQL database, which then takes the duty
 * and runs the rollout on; a missing, unknown, expired token or
 * one of a halted rollout is refused with a status and a reason, and the post's refusal reason reaches the board's API.
 * Real hub, real broker, real databases; the post is a {@link FakePost} that acknowledges the UPDATE.
 */
class DownloadTokensTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String VERSION = "1.4.0";
  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock(Instant.now());

  @Test
  @Timeout(180)
  void aTokenOpensTheDownloadAfterTheHubRestartsOnSqlite() throws Exception {
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      HubHarness hub = hub(broker, "hub", Map.of());
      try {
        try (FakePost post = new FakePost(broker.url(), "upd-1", "boot-1", 30)) {
          Path bundle = uploadAndRollOut(hub);
          String token = token(post);
          assertOpens(hub, token, bundle);
          hub.stop();
          hub.start();
          assertOpens(hub, token, bundle);
          refusals(hub, post, token);
        }
      } finally {
        hub.close();
      }
    }
  }

  @Test
  @Timeout(240)
  void aTokenOneActiveHubIssuedOpensTheDownloadOnTheOtherHubOfThePostgresDatabase() throws Exception {
    Map<String, String> shared = new HashMap<>(TestDatabases.configKeys(TestDatabases.postgres()));
    shared.put("updates.dir", dir.resolve("shared-releases").toString());
    shared.put("store.hubs", "active");
    shared.put("store.leaseCheckS", "1");
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      HubHarness a = hub(broker, "hub-a", shared);
      HubHarness b = null;
      try (FakePost post = new FakePost(broker.url(), "upd-1", "boot-1", 30)) {
        Path bundle = uploadAndRollOut(a);
        String token = token(post);
        b = hub(broker, "hub-b", shared); // both active: hub B never issued the token
        assertOpens(b, token, bundle);
        a.close(); // hub B takes the duty and runs the rollout on
        refusals(b, post, token);
      } finally {
        a.close();
        if (b != null) {
          b.close();
        }
      }
    }
  }

  private HubHarness hub(TestBroker broker, String name, Map<String, String> extra) {
    Map<String, String> keys = new HashMap<>(Map.of("hub.id", name, "fleet.heartbeatTimeoutS", "86400",
        "updates.baseUrl", "https://hub.example.kz:8443", "updates.resendS", "3600", "updates.tokenTtlS", "600"));
    keys.putAll(extra);
    HubHarness hub = new HubHarness(dir.resolve(name), broker, keys);
    if (!name.equals("hub-b")) { // hub-b shares hub-a's database, where upd-1 is already registered
      hub.register("upd-1");
    }
    return hub.clock(clock).start();
  }

  /** A signed release uploaded as the admin, and a rollout of it to upd-1. */
  private Path uploadAndRollOut(HubHarness hub) throws Exception {
    Path jar = Files.writeString(dir.resolve("edge-agent.jar"), "an agent release, byte for byte ".repeat(2000));
    Path bundle = dir.resolve(VERSION + ".kzb");
    ReleaseBundle.write(bundle, ReleaseVersion.of(VERSION), "edge-agent.jar", Map.of("edge-agent.jar", jar),
        ReleaseKeys.generate(new SecureRandom()), clock.instant());
    HubHarness.Response up = hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/releases"))
        .PUT(HttpRequest.BodyPublishers.ofFile(bundle)));
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    HubHarness.Response started = hub.post("/api/rollouts", "{\"version\":\"" + VERSION + "\",\"posts\":[\"upd-1\"]}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return bundle;
  }

  private static String token(FakePost post) {
    return await("UPDATE at " + post.id).atMost(Duration.ofSeconds(60)).until(() -> post.commands.stream()
        .filter(c -> c.name() == CommandName.UPDATE).map(c -> c.args().get("token")).findFirst().orElse(null),
        t -> t != null);
  }

  private void refusals(HubHarness hub, FakePost post, String token) throws Exception {
    assertRefused(download(hub, null), 401, "send the download token of the UPDATE command");
    assertRefused(download(hub, "never-issued-token-0123456789"), 403, "unknown download token");

    // the post refuses the bundle: the first stage failed, the rollout halts, and its tokens open nothing more
    post.publish(PostMessages.event(post, clock.instant(), EventKind.UPDATE_STATUS, Map.of("version", VERSION,
        "state", "REFUSED", "reason", "TAMPERED", "detail", "the manifest's signature does not verify")), false);
    post.publish(PostMessages.telemetry(post, clock.instant(), Readings.empty()), false);
    await("the refusal on the post's update state").atMost(Duration.ofSeconds(30)).until(() ->
        "REFUSED".equals(hub.get("/api/posts/upd-1/update").json().path("state").asText()));
    assertThat(hub.get("/api/posts/upd-1/update").json().get("reason").asText()).isEqualTo("TAMPERED");
    await("rollout halted").atMost(Duration.ofSeconds(30)).until(() -> download(hub, token).statusCode() == 403);
    assertRefused(download(hub, token), 403, "rollout ");
    assertThat(error(download(hub, token))).endsWith("is HALTED: its download tokens open nothing");

    clock.advance(Duration.ofSeconds(601));
    assertRefused(download(hub, token), 403, "download token expired at ");
  }

  private static void assertOpens(HubHarness hub, String token, Path bundle) throws Exception {
    HttpResponse<byte[]> whole = download(hub, token);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(Files.readAllBytes(bundle));
    HttpResponse<byte[]> rest = HTTP.send(HttpRequest.newBuilder(URI.create(hub.base() + Rollouts.DOWNLOAD_PATH))
        .header("Authorization", "Bearer " + token).header("Range", "bytes=100-").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(rest.statusCode()).as("a resumed download").isEqualTo(206);
    assertThat(rest.headers().firstValue("content-range")).contains("bytes 100-" + (Files.size(bundle) - 1) + "/"
        + Files.size(bundle));
  }

  private static HttpResponse<byte[]> download(HubHarness hub, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.base() + Rollouts.DOWNLOAD_PATH));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertRefused(HttpResponse<byte[]> r, int status, String error) throws Exception {
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(status);
    assertThat(error(r)).startsWith(error);
  }

  private static String error(HttpResponse<byte[]> r) throws Exception {
    return Json.MAPPER.readTree(r.body()).get("error").asText();
  }
}
