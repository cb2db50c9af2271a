package kuzet.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.hub.broker.TelemetryIntake;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A slow hub's telemetry intake with real brokers and a real publisher (mosquitto_pub). The telemetry-only
 * connections against Mosquitto stop reading while the hub's lane is full; the embedded HiveMQ's intake parks the
 * publishes. Either way the broker holds the backlog instead of anyone dropping it, nothing is lost, and a PANIC
 * still comes through MQTT while telemetry is backed up.
 */
@ExtendWith(VertxExtension.class)
class IntakeBackpressureTest {
  private static final int MESSAGES = 3_000;

  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void vertx(Vertx vertx) { // closed after each test by VertxExtension
    this.vertx = vertx;
  }

  @Test
  void aFullLaneMakesTheReadersWaitAndNothingIsLostWhileAPanicGetsThrough() throws Exception {
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"))) {
      SlowHub hub = new SlowHub(vertx, dir.resolve("hub"), broker.url(),
          Map.of("mqtt.shareGroup", broker.shareGroup("bp"), "mqtt.telemetryConnections", "2"));
      hub.link.addTelemetryReaders(2);
      hub.start();
      try {
        hub.awaitTelemetrySubscribed(broker.port());
        MqttLinkTest.runWithInput(SlowHub.lines(MESSAGES), "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
            Integer.toString(broker.port()), "-V", "mqttv5", "-q", "0", "-t", "posts/bp-001/telemetry", "-l");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.link.waitedTelemetry() > 0);
        SlowHub.panic(broker.port(), "bp-001");

        await().atMost(Duration.ofSeconds(30)).until(() -> hub.telemetry.size() == MESSAGES);
        assertThat(hub.telemetry).hasSize(MESSAGES);
        assertThat(hub.link.droppedTelemetry()).as("dropped by the hub").isZero();
        assertThat(hub.link.waitedTelemetry()).as("readers that waited for room").isPositive();
        assertThat(hub.telemetryWhenPanic.get()).as("telemetry handled before the PANIC")
            .isBetween(0, MESSAGES - SlowHub.LANE - 1);
      } finally {
        hub.stop();
      }
    }
  }

  @Test
  void aHubThatReadTelemetryOnItsMainConnectionBeforeGetsItOnlyFromItsReadersNow() throws Exception {
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"))) {
      Map<String, String> shared = Map.of("mqtt.shareGroup", broker.shareGroup("up"));
      SlowHub before = new SlowHub(vertx, dir.resolve("hub"), broker.url(), shared);
      before.start();
      before.awaitTelemetrySubscribed(broker.port());
      before.stop(); // its persistent session keeps the telemetry subscription of the main connection

      SlowHub hub = new SlowHub(vertx, dir.resolve("hub"), broker.url(),
          Map.of("mqtt.shareGroup", broker.shareGroup("up"), "mqtt.telemetryConnections", "2"));
      hub.link.addTelemetryReaders(2);
      hub.start();
      try {
        hub.awaitTelemetrySubscribed(broker.port());
        Thread.sleep(500); // markers still on their way
        hub.handled.set(0);
        MqttLinkTest.runWithInput(SlowHub.lines(200), "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
            Integer.toString(broker.port()), "-V", "mqttv5", "-q", "1", "-t", "posts/up-001/telemetry", "-l");
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.telemetry.size() == 200);
        Thread.sleep(1_000);
        assertThat(hub.handled.get()).as("telemetry handled, duplicates included").isEqualTo(200);
      } finally {
        hub.stop();
      }
    }
  }

  @ParameterizedTest(name = "telemetry at QoS {0}")
  @ValueSource(ints = {0, 1})
  void aFullLaneMakesTheBrokerHoldTelemetryAndNothingIsLostWhileAPanicGetsThrough(int qos) throws Exception {
    int port = MosquittoBroker.freePort();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), null);
    try (EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port,
        dir.resolve("broker"), null, true), null, intake)) {
      broker.start();
      SlowHub hub = new SlowHub(vertx, dir.resolve("hub"), "tcp://127.0.0.1:" + port,
          Map.of("mqtt.shareGroup", "none"));
      hub.link.telemetryFromEmbeddedBroker();
      intake.attach(hub.link.intakeLane());
      // anyone else subscribed to telemetry (only the hub may, on the locked-down broker) gets none of it
      Path watched = dir.resolve("watcher.txt");
      Process subscriber = new ProcessBuilder("/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p",
          Integer.toString(port), "-V", "mqttv5", "-t", "posts/+/telemetry", "-t", "posts/+/events")
          .redirectErrorStream(true).redirectOutput(watched.toFile()).start();
      hub.start();
      try {
        Thread.sleep(500); // the watcher's subscription
        Thread publisher = new Thread(() -> {
          try {
            MqttLinkTest.runWithInput(SlowHub.lines(MESSAGES), "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-V", "mqttv5", "-i", "in-001", "-q", Integer.toString(qos),
                "-t", "posts/in-001/telemetry", "-l");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        publisher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.link.waitedTelemetry() > 0);
        SlowHub.panic(port, "in-002");

        await().atMost(Duration.ofSeconds(40)).until(() -> hub.telemetry.size() == MESSAGES);
        publisher.join(10_000);
        assertThat(hub.telemetry).hasSize(MESSAGES);
        assertThat(intake.taken()).isEqualTo(MESSAGES);
        assertThat(intake.parked()).as("publishes the broker held back").isPositive();
        assertThat(intake.shed()).isZero();
        assertThat(hub.link.droppedTelemetry()).as("dropped by the hub").isZero();
        assertThat(broker.droppedMessages()).as("dropped by the broker, less what the intake took").isZero();
        assertThat(hub.telemetryWhenPanic.get()).as("telemetry handled before the PANIC")
            .isBetween(0, MESSAGES - SlowHub.LANE - 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(watched).contains("PANIC"));
        assertThat(Files.readString(watched)).as("what another subscriber got").doesNotContain("t-");
      } finally {
        subscriber.destroy();
        hub.stop();
      }
    }
  }
}
