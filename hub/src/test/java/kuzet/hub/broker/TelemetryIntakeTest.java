package kuzet.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake's edges with a real embedded HiveMQ and mosquitto_pub: before the hub attaches, and far past its pace. */
class TelemetryIntakeTest {
  @TempDir
  Path dir;
  private final ScheduledExecutorService admitter = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    admitter.shutdownNow();
  }

  /** A hub lane that is always full and admits one parked message every {@code everyMs}. */
  private final class SlowLane implements TelemetryIntake.Lane {
    final List<String> got = new CopyOnWriteArrayList<>();
    final BlockingQueue<Object[]> parked = new LinkedBlockingQueue<>();

    SlowLane(long everyMs) {
      admitter.scheduleWithFixedDelay(() -> {
        Object[] p = parked.poll();
        if (p != null && ((BooleanSupplier) p[1]).getAsBoolean()) {
          got.add((String) p[0]);
        }
      }, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean offer(String topic, byte[] payload, java.util.function.Supplier<BooleanSupplier> whenFull) {
      BooleanSupplier admit = whenFull.get();
      if (admit != null) {
        parked.add(new Object[] {new String(payload, StandardCharsets.UTF_8), admit});
      }
      return false;
    }
  }

  private EmbeddedBroker broker(int port, TelemetryIntake intake) {
    return broker(port, intake, TelemetryIntake.PAUSE_AT);
  }

  private EmbeddedBroker broker(int port, TelemetryIntake intake, long pauseAbove) {
    EmbeddedBroker b = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port, dir.resolve("broker"), null,
        true), null, intake, pauseAbove);
    b.start();
    return b;
  }

  private static void publish(int port, int qos, int count) throws Exception {
    publish(port, qos, lines(count, ""));
  }

  private static List<String> lines(int count, String padding) {
    return IntStream.range(0, count).mapToObj(i -> "t-" + i + padding).toList();
  }

  /** mosquitto_pub sending the lines as one post's telemetry; returns once they are all written. */
  private static void publish(int port, int qos, List<String> lines) throws Exception {
    String text = String.join("\n", lines) + "\n";
    Process p = new ProcessBuilder("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V",
        "mqttv5", "-i", "edge-001", "-q", Integer.toString(qos), "-t", "posts/edge-001/telemetry", "-l")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (var in = p.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_pub ended").isTrue();
  }

  @Test
  void telemetryPublishedBeforeTheHubAttachesIsHeldAndTakenInOrderOnceItDoes() throws Exception {
    int port = MosquittoBroker.freePort();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), null);
    try (EmbeddedBroker broker = broker(port, intake)) {
      Thread publisher = new Thread(() -> {
        try {
          publish(port, 1, 20);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      publisher.start();
      Thread.sleep(1_000);
      assertThat(intake.taken()).isZero();
      assertThat(publisher.isAlive()).as("the QoS 1 publisher waits for its PUBACK").isTrue();
      List<String> got = new CopyOnWriteArrayList<>();
      intake.attach((topic, payload, whenFull) -> got.add(new String(payload, StandardCharsets.UTF_8)));
      await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 20);
      assertThat(got).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "t-" + i).toList());
      assertThat(intake.taken()).isEqualTo(20);
      publisher.join(10_000);
      assertThat(publisher.isAlive()).isFalse();
      assertThat(broker.droppedMessages()).isZero();
    }
  }

  @Test
  void farPastTheHubsPaceQosZeroTelemetryBeyondWhatTheBrokerMayHoldIsDroppedAndCountedByTheBroker() throws Exception {
    int port = MosquittoBroker.freePort();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), null, 100);
    try (EmbeddedBroker broker = broker(port, intake, Long.MAX_VALUE)) { // shedding alone, without the read pause
      SlowLane lane = new SlowLane(2);
      intake.attach(lane);
      publish(port, 0, 3_000);
      await().atMost(Duration.ofSeconds(40)).until(() -> intake.taken() + intake.shed() == 3_000);
      assertThat(intake.shed()).as("shed").isPositive();
      assertThat(lane.got).hasSize((int) intake.taken());
      await().atMost(Duration.ofSeconds(5)).until(() -> broker.droppedMessages() == intake.shed());
    }
  }

  /** A lane that always has room, on a machine too busy to call the interceptor as fast as the broker reads. */
  private static TelemetryIntake.Lane slowInterceptor(List<String> got, long nanosEach) {
    return (topic, payload, whenFull) -> {
      java.util.concurrent.locks.LockSupport.parkNanos(nanosEach);
      got.add(new String(payload, StandardCharsets.UTF_8));
      return true;
    };
  }

  @Test
  void qosZeroTelemetryQueuedInFrontOfASlowInterceptorIsDroppedPastTheLimitThoughTheLaneHasRoom() throws Exception {
    int port = MosquittoBroker.freePort();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), null, 100);
    try (EmbeddedBroker broker = broker(port, intake, Long.MAX_VALUE)) { // shedding alone, without the read pause
      List<String> got = new CopyOnWriteArrayList<>();
      intake.attach(slowInterceptor(got, 2_000_000));
      publish(port, 0, 3_000);
      await().atMost(Duration.ofSeconds(40)).until(() -> intake.taken() + intake.shed() == 3_000);
      assertThat(intake.shed()).as("shed").isPositive();
      assertThat(got).hasSize((int) intake.taken());
      await().atMost(Duration.ofSeconds(5)).until(() -> broker.droppedMessages() == intake.shed());
    }
  }

  @Test
  void aSenderFasterThanTheHubIsNotReadUntilTheBrokerCatchesUpSoNothingIsDroppedAndLittleIsHeld() throws Exception {
    int port = MosquittoBroker.freePort();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), null, Long.MAX_VALUE);
    try (EmbeddedBroker broker = broker(port, intake, 200)) {
      List<String> got = new CopyOnWriteArrayList<>();
      intake.attach(slowInterceptor(got, 200_000));
      // 8 MB that mosquitto_pub writes within a second, taken at 5,000 a second
      List<String> sent = lines(20_000, "-" + "x".repeat(400));
      publish(port, 0, sent);
      await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= sent.size());
      assertThat(got).containsExactlyElementsOf(sent);
      assertThat(intake.shed()).isZero();
      assertThat(broker.droppedMessages()).isZero();
      assertThat(broker.readPauses()).as("times the sender was not read").isPositive();
      // read without pause, the broker holds most of the 20,000 at once
      assertThat(intake.peakHeld()).as("most publishes held at once").isLessThan(8_000);
    }
  }

  @Test
  void limitsThatCannotWorkAreRefusedWithTheValueNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TelemetryIntake(Topics.defaults(), null, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shed QoS 0 must be at least 0, not -1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReadPause(() -> 0, -5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stop reading must be at least 0, not -5");
  }
}
