package kuzet.hub.mqtt;

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
import kuzet.protocol.ProtocolCodec;

/**
 * A hub's MQTT link whose event loop is slow (about 1 ms per reading, as a JIT-cold hub might be), with a small
 * telemetry lane, recording the telemetry it handled and how much of it came before the first event.
 */
final class SlowHub {
  static final int LANE = 50;

  final Set<String> telemetry = ConcurrentHashMap.newKeySet();
  final AtomicInteger telemetryWhenPanic = new AtomicInteger(-1);
  /** Telemetry handled, duplicates included. */
  final AtomicInteger handled = new AtomicInteger();
  final MqttLink link;
  private final Vertx vertx;
  private final Context context;

  SlowHub(Vertx vertx, Path dataDir, String brokerUrl, Map<String, String> extra) {
    this.vertx = vertx;
    Map<String, String> values = new java.util.HashMap<>(Map.of("hub.dataDir", dataDir.toString(),
        "broker.embedded", "false", "broker.url", brokerUrl, "mqtt.probeIntervalS", "0"));
    values.putAll(extra);
    HubConfig config = HubConfig.defaults(values);
    context = vertx.getOrCreateContext();
    link = new MqttLink(config.broker(), config.mqtt(), new HubIdentity("hub-slow"),
        new ProtocolCodec(config.mqtt().topics(), Clock.systemUTC()), Clock.systemUTC(), null, context,
        (topic, payload) -> {
          if (topic.endsWith("/telemetry")) {
            telemetry.add(new String(payload, StandardCharsets.UTF_8));
            handled.incrementAndGet();
            sleep(1);
          } else if (topic.endsWith("/events")) {
            telemetryWhenPanic.set(telemetry.size());
          }
          return Future.succeededFuture();
        }, up -> { }, LANE);
  }

  void start() {
    context.runOnContext(v -> link.start());
    await().atMost(Duration.ofSeconds(20)).until(link::connected);
  }

  void stop() throws Exception {
    vertx.executeBlocking(() -> {
      link.stop();
      return null;
    }).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Publishes a marker reading until the hub handled one: its telemetry subscriptions are in place. */
  void awaitTelemetrySubscribed(int port) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!telemetry.remove("ready") && System.nanoTime() < end) {
      MqttLinkTest.run("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv5",
          "-q", "0", "-t", "posts/ready-001/telemetry", "-m", "ready");
      Thread.sleep(200);
    }
    telemetry.remove("ready");
  }

  /** {@code count} telemetry payloads t-0, t-1, ..., one a line for {@code mosquitto_pub -l}. */
  static String lines(int count) {
    return IntStream.range(0, count).mapToObj(i -> "t-" + i).collect(Collectors.joining("\n"));
  }

  /** Publishes a PANIC on {@code postId}'s events at QoS 1 and waits until the broker has it. */
  static void panic(int port, String postId) throws Exception {
    MqttLinkTest.run("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv5",
        "-q", "1", "-t", "posts/" + postId + "/events", "-m", MqttLinkTest.panic(postId));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
