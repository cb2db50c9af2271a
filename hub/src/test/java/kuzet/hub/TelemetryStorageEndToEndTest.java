package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import kuzet.agent.load.Connection;
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.config.HubConfig;
import kuzet.hub.telemetry.EmbeddedQuestDb;
import kuzet.hub.telemetry.TelemetrySchema;
import kuzet.hub.testing.HubHttp;
import kuzet.hub.testing.TelemetryTemplate;
import kuzet.hub.testing.TestPosts;
import kuzet.protocol.Channel;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry from the broker to the store through a whole running hub: the embedded HiveMQ, the hub's
 * ingest, the telemetry writer and QuestDB, counted with QuestDB's own SQL endpoint.
 */
class TelemetryStorageEndToEndTest {
  private static final int POSTS = 100;
  private static final String BOOT = "boot-e2e";

  @TempDir
  Path dir;

  private final ProtocolCodec codec = ProtocolCodec.defaults();
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final TelemetryTemplate[] templates = new TelemetryTemplate[POSTS];

  @Test
  void tenThousandTelemetryMessagesGiveTenThousandRowsInTheEmbeddedQuestDb() throws Exception {
    int questDbPort = MosquittoBroker.freePort();
    HubConfig cfg = config(Map.of("telemetry.embedded.port", Integer.toString(questDbPort)));
    TestPosts.register(cfg.store().sqliteFile(), "tele", POSTS);
    try (HubApplication hub = start(cfg); Connection pub = new Connection(cfg.broker().url(), "e2e-load")) {
      publishTelemetry(pub, 0, 10_000);
      String questDb = "http://127.0.0.1:" + questDbPort;
      await().atMost(Duration.ofSeconds(60)).until(() -> HubHttp.storedPoints(questDb) >= 10_000);
      assertThat(HubHttp.storedPoints(questDb)).isEqualTo(10_000);

      String scrape = HubHttp.get(base(hub) + "/metrics").body();
      assertThat(HubHttp.metric(scrape, "kuzet_telemetry_points_written_total")).isEqualTo(10_000);
      assertThat(HubHttp.metric(scrape, "kuzet_telemetry_points_dropped_total")).isZero();
      HubHttp.Response health = HubHttp.get(base(hub) + "/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("checks").path("store").asText()).isEqualTo("UP");
    }
  }

  @Test
  void panicAlertsKeepComingWhileQuestDbIsDownAndEveryBufferedPointIsWrittenWhenItReturns() throws Exception {
    int questDbPort = MosquittoBroker.freePort();
    Path questDbRoot = dir.resolve("external-questdb");
    EmbeddedQuestDb questDb = EmbeddedQuestDb.start(questDbRoot, questDbPort, 1);
    questDb.exec(TelemetrySchema.QUESTDB_DDL);
    HubConfig cfg = config(Map.of("telemetry.url", questDb.url(), "telemetry.retry.initial", "100ms",
        "telemetry.retry.max", "500ms", "telemetry.write.timeout", "2s"));
    TestPosts.register(cfg.store().sqliteFile(), "tele", POSTS);
    try (HubApplication hub = start(cfg); Connection pub = new Connection(cfg.broker().url(), "e2e-load")) {
      publishTelemetry(pub, 0, 1_000);
      await().atMost(Duration.ofSeconds(30)).until(() -> HubHttp.storedPoints(questDb.url()) >= 1_000);

      questDb.close();
      publishTelemetry(pub, 1_000, 5_000);
      for (int i = 0; i < 3; i++) {
        PostId post = TestPosts.id("tele", i);
        Event panic = new Event(post, Instant.now(), BOOT, 1_000_000 + i, UUID.randomUUID(), EventKind.PANIC,
            UUID.randomUUID(), Map.of());
        pub.publish(codec.topicFor(panic), codec.encode(panic), 1);
      }
      await().atMost(Duration.ofSeconds(20)).until(() ->
          HubHttp.get(base(hub) + "/api/alerts?state=open").json().findValuesAsText("type").stream()
              .filter("PANIC"::equals).count() == 3);
      await().atMost(Duration.ofSeconds(20)).until(() -> HubHttp.get(base(hub) + "/health").status() == 503);
      HubHttp.Response health = HubHttp.get(base(hub) + "/health");
      assertThat(health.json().path("checks").path("store").asText()).isEqualTo("DOWN");
      String during = HubHttp.get(base(hub) + "/metrics").body();
      assertThat(HubHttp.metric(during, "kuzet_telemetry_points_buffered")).isPositive();
      assertThat(HubHttp.metric(during, "kuzet_telemetry_batches_failed_total")).isPositive();

      try (EmbeddedQuestDb back = EmbeddedQuestDb.start(questDbRoot, questDbPort, 1)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> HubHttp.storedPoints(back.url()) >= 5_000);
        assertThat(HubHttp.storedPoints(back.url())).isEqualTo(5_000);
        String after = HubHttp.get(base(hub) + "/metrics").body();
        assertThat(HubHttp.metric(after, "kuzet_telemetry_points_dropped_total")).isZero();
        assertThat(HubHttp.metric(after, "kuzet_telemetry_points_buffered")).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> HubHttp.get(base(hub) + "/health").status() == 200);
      }
    }
  }

  private HubConfig config(Map<String, String> extra) throws Exception {
    Map<String, String> values = new HashMap<>(extra);
    values.put("hub.dataDir", dir.resolve("hub").toString());
    values.put("http.port", "0");
    values.put("broker.embedded.port", Integer.toString(MosquittoBroker.freePort()));
    values.put("telemetry.flush.interval", "200ms");
    // storage is under test, not the broker's device lock-down (HubLockdownEndToEndTest covers that)
    values.put("broker.auth", "none");
    java.nio.file.Files.createDirectories(dir.resolve("hub"));
    return HubConfig.defaults(values);
  }

  private static HubApplication start(HubConfig cfg) {
    HubApplication hub = new HubApplication(cfg, Clock.systemUTC(), meters -> HubWiring.telemetry(cfg, meters),
        new OpenAccess(), registry -> null).start();
    await().atMost(Duration.ofSeconds(30)).until(hub::brokerConnected);
    return hub;
  }

  private static String base(HubApplication hub) {
    return "http://127.0.0.1:" + hub.httpPort();
  }

  /** Messages number {@code from} to {@code to - 1}, spread over the posts, each with its own timestamp. */
  private void publishTelemetry(Connection pub, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      int post = i % POSTS;
      if (templates[post] == null) {
        templates[post] = new TelemetryTemplate(codec, TestPosts.id("tele", post), BOOT);
      }
      PostId id = TestPosts.id("tele", post);
      pub.publish(codec.topics().topic(id, Channel.TELEMETRY),
          templates[post].payload(i / POSTS, base.plus(i, ChronoUnit.MILLIS)), 1);
    }
    assertThat(pub.drain(30_000)).isTrue();
    assertThat(pub.failed()).isZero();
  }
}
