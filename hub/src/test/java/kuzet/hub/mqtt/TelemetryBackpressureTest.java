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
import kuzet.hub.config.HubConfig;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.ProtocolCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's telemetry-only connections against a real Mosquitto: while the hub's lane is full they stop reading
 * instead of dropping, so the broker holds the backlog, nothing is lost, and a PANIC on the main connection still
 * gets through while telemetry is backed up.
 */
class TelemetryBackpressureTest {
  private static final int MESSAGES = 3_000;
  private static final int LANE = 50;

  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFullLaneMakesTheReadersWaitAndNothingIsLostWhileAPanicGetsThrough() throws Exception {
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"))) {
      HubConfig config = HubConfig.defaults(Map.of("hub.dataDir", dir.resolve("hub").toString(),
          "broker.embedded", "false", "broker.url", broker.url(), "mqtt.shareGroup", broker.shareGroup("bp"),
          "mqtt.telemetryConnections", "2", "mqtt.probeIntervalS", "0"));
      Set<String> telemetry = ConcurrentHashMap.newKeySet();
      AtomicInteger telemetryWhenPanic = new AtomicInteger(-1);
      Context context = vertx.getOrCreateContext();
      // a hub that is slow (about 1 ms per reading, as a cold JIT might be), on its event loop
      MqttLink link = new MqttLink(config.broker(), config.mqtt(), new HubIdentity("hub-bp"),
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
      link.addTelemetryReaders(2);
      context.runOnContext(v -> link.start());
      try {
        await().atMost(Duration.ofSeconds(20)).until(link::connected);
        Thread.sleep(500); // the readers' subscriptions
        String lines = IntStream.range(0, MESSAGES).mapToObj(i -> "t-" + i).collect(Collectors.joining("\n"));
        MqttLinkTest.runWithInput(lines, "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
            Integer.toString(broker.port()), "-V", "mqttv5", "-q", "0", "-t", "posts/bp-001/telemetry", "-l");
        await().atMost(Duration.ofSeconds(10)).until(() -> link.waitedTelemetry() > 0);
        MqttLinkTest.run("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-V",
            "mqttv5", "-q", "1", "-t", "posts/bp-001/events", "-m", MqttLinkTest.panic("bp-001"));

        await().atMost(Duration.ofSeconds(30)).until(() -> telemetry.size() == MESSAGES);
        assertThat(telemetry).hasSize(MESSAGES);
        assertThat(link.droppedTelemetry()).as("dropped by the hub").isZero();
        assertThat(link.waitedTelemetry()).as("readers that waited for room").isPositive();
        assertThat(telemetryWhenPanic.get()).as("telemetry handled before the PANIC")
            .isBetween(0, MESSAGES - LANE - 1);
      } finally {
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
