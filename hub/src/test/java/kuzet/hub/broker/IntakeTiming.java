package kuzet.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kuzet.hub.testing.OnMessage;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of the suite (its name matches no test pattern): a rough before/after of the hub JVM's CPU per telemetry
 * message through the embedded broker, taken inside the broker versus through a loopback MQTT subscriber. Run
 * alone with -Dtest=IntakeTiming; on a shared machine the figures are relative only.
 */
class IntakeTiming {
  private static final int N = 100_000;

  @TempDir
  Path dir;

  @Test
  void cpuPerMessageDirectVersusLoopback() throws Exception {
    Path input = dir.resolve("lines.txt");
    Files.writeString(input, IntStream.range(0, N).mapToObj(i -> "{\"type\":\"TELEMETRY\",\"n\":" + i + "}")
        .collect(Collectors.joining("\n")) + "\n");
    for (int round = 0; round < 2; round++) {
      System.out.printf("round %d: direct %.1f us/msg, loopback %.1f us/msg%n", round, direct(input), loopback(input));
    }
  }

  private double direct(Path input) throws Exception {
    int port = MosquittoBroker.freePort();
    AtomicLong got = new AtomicLong();
    TelemetryIntake intake = new TelemetryIntake(Topics.defaults(), null);
    intake.attach((topic, payload, whenFull) -> {
      got.incrementAndGet();
      return true;
    });
    try (EmbeddedBroker b = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port,
        dir.resolve("d" + port), null, true), null, intake)) {
      b.start();
      return measure(port, input, got);
    }
  }

  private double loopback(Path input) throws Exception {
    int port = MosquittoBroker.freePort();
    AtomicLong got = new AtomicLong();
    try (EmbeddedBroker b = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port,
        dir.resolve("l" + port), null, true), null)) {
      b.start();
      MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + port, "_hub-timing", new MemoryPersistence());
      c.setCallback((OnMessage) (topic, m) -> got.incrementAndGet());
      c.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
      c.subscribe("posts/+/telemetry", 0).waitForCompletion(10_000);
      try {
        return measure(port, input, got);
      } finally {
        c.disconnect().waitForCompletion(5_000);
        c.close();
      }
    }
  }

  private static double measure(int port, Path input, AtomicLong got) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    Process p = new ProcessBuilder("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V",
        "mqttv5", "-q", "0", "-t", "posts/time-001/telemetry", "-l").redirectInput(input.toFile())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long last = -1;
    while (System.nanoTime() < end && got.get() != last) {
      last = got.get();
      Thread.sleep(500);
    }
    long cpu = os.getProcessCpuTime() - cpu0;
    System.out.printf("  got %d of %d%n", got.get(), N);
    return cpu / 1_000.0 / Math.max(1, got.get());
  }
}
