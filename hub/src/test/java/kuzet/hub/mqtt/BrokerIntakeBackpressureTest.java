package kuzet.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.hub.broker.TelemetryIntake;
import kuzet.hub.config.HubConfig;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded broker's telemetry intake with a real HiveMQ and a real publisher (mosquitto_pub): while the hub's
 * lane is full the broker holds the publishes instead of anyone dropping them, nothing is lost, none reaches the
 * hub through MQTT, and a PANIC still comes through MQTT while telemetry is backed up.
 */
class BrokerIntakeBackpressureTest {
  private static final int MESSAGES = 3_000;
  private static final int LANE = 50;

  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "telemetry at QoS {0}")
  @ValueSource(ints = {0, 1})
  void aFullLaneMakesTheBrokerHoldTelemetryAndNothingIsLostWhileAPanicGetsThrough(int qos) throws Exception {
    int port = MosquittoBroker.freePort();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), false);
    try (EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port,
        dir.resolve("broker"), null, true), null, intake)) {
      broker.start();
      HubConfig config = HubConfig.defaults(Map.of("hub.dataDir", dir.resolve("hub").toString(),
          "broker.embedded", "false", "broker.url", "tcp://127.0.0.1:" + port, "mqtt.shareGroup", "none",
          "mqtt.probeIntervalS", "0"));
      Set<String> telemetry = ConcurrentHashMap.newKeySet();
      AtomicInteger telemetryWhenPanic = new AtomicInteger(-1);
      Context context = vertx.getOrCreateContext();
      // a hub that is slow (about 1 ms per reading, as a cold JIT might be), on its event loop
      MqttLink link = new MqttLink(config.broker(), config.mqtt(), new HubIdentity("hub-in"),
          new ProtocolCodec(config.mqtt().topics(), Clock.systemUTC()), Clock.systemUTC(), null, context,
          (topic, payload) -> {
            if (topic.endsWith("/telemetry")) {
              telemetry.add(new String(payload, StandardCharsets.UTF_8));
              sleep(1);
            } else if (topic.endsWith("/events")) {
              telemetryWhenPanic.set(telemetry.size());
            }
            return Future.succeededFuture();
          }, up -> { }, LANE);
      link.telemetryFromEmbeddedBroker();
      intake.attach(link.intakeLane());
      // anyone else subscribed to telemetry (only the hub may, on the locked-down broker) gets none of it
      Path watched = dir.resolve("watcher.txt");
      Process subscriber = new ProcessBuilder("/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p",
          Integer.toString(port), "-V", "mqttv5", "-t", "posts/+/telemetry", "-t", "posts/+/events")
          .redirectErrorStream(true).redirectOutput(watched.toFile()).start();
      context.runOnContext(v -> link.start());
      try {
        await().atMost(Duration.ofSeconds(20)).until(link::connected);
        Thread.sleep(500); // the watcher's subscription
        String lines = IntStream.range(0, MESSAGES).mapToObj(i -> "t-" + i).collect(Collectors.joining("\n"));
        Thread publisher = new Thread(() -> {
          try {
            MqttLinkTest.runWithInput(lines, "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-V", "mqttv5", "-i", "in-001", "-q", Integer.toString(qos),
                "-t", "posts/in-001/telemetry", "-l");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        publisher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> link.waitedTelemetry() > 0);
        MqttLinkTest.run("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv5",
            "-q", "1", "-t", "posts/in-002/events", "-m", MqttLinkTest.panic("in-002"));

        await().atMost(Duration.ofSeconds(40)).until(() -> telemetry.size() == MESSAGES);
        publisher.join(10_000);
        assertThat(telemetry).hasSize(MESSAGES);
        assertThat(intake.taken()).isEqualTo(MESSAGES);
        assertThat(intake.parked()).as("publishes the broker held back").isPositive();
        assertThat(intake.shed()).isZero();
        assertThat(link.droppedTelemetry()).as("dropped by the hub").isZero();
        assertThat(broker.droppedMessages()).as("dropped by the broker, less what the intake took").isZero();
        assertThat(telemetryWhenPanic.get()).as("telemetry handled before the PANIC")
            .isBetween(0, MESSAGES - LANE - 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> java.nio.file.Files.readString(watched).contains("PANIC"));
        assertThat(java.nio.file.Files.readString(watched)).as("what another subscriber got").doesNotContain("t-");
      } finally {
        subscriber.destroy();
        vertx.executeBlocking(() -> {
          link.stop();
          return null;
        }).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
