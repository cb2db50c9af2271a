package kuzet.agent.simulator;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.InputRole;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Benchmark harness: time from a mock GPIO edge on the panic button to the PANIC (or PANIC_REPEAT) arriving at a
 * subscriber on the same host, i.e. an upper bound of edge -> PUBLISH leaving the client. Run with debounce and hold
 * at 0 to measure the agent's own path; the configured debounce + hold adds to it by design.
 * {@code java -cp edge-agent.jar kuzet.agent.simulator.LatencyBenchmark --broker tcp://127.0.0.1:1883 --presses 300}
 */
@CommandLine.Command(name = "latency-benchmark", mixinStandardHelpOptions = true)
public final class LatencyBenchmark implements Callable<Integer> {
  @Option(names = "--broker", required = true)
  String broker;
  @Option(names = "--presses", defaultValue = "300")
  int presses;
  @Option(names = "--warmup", defaultValue = "50")
  int warmup;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LatencyBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("kuzet-latency");
    Map<String, String> m = new HashMap<>();
    m.put("post.id", "bench-001");
    m.put("mqtt.url", broker);
    m.put("data.dir", dir.toString());
    m.put("hardware.platform", "mock");
    m.put("panic.debounceMs", "0");
    m.put("panic.holdMs", "0");
    m.put("telemetry.intervalS", "3600");
    m.put("selftest.hour", "-1");
    // no "still trying" re-sends of the PANIC during the run: every arrival must belong to one press
    m.put("panic.receivedTimeoutS", "600");
    AgentConfig cfg = ConfigLoader.fromMap(m, Map.of());
    BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(16);
    MqttClient sub = subscriber(arrivals);
    try (SimulatedPost post = new SimulatedPost(cfg, Clock.systemUTC(), 1).start()) {
      while (!post.agent().connected()) {
        Thread.sleep(50);
      }
      MockDigitalInput button = post.pin(InputRole.PANIC_BUTTON);
      long[] samples = new long[presses];
      for (int i = -warmup; i < presses; i++) {
        button.mockState(DigitalState.LOW);
        // the release must outlast the (zero) debounce on a busy scheduler, or the next edge is rightly a bounce
        Thread.sleep(50);
        arrivals.clear();
        long edge = System.nanoTime();
        button.mockState(DigitalState.HIGH);
        Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
        if (arrived == null) {
          System.err.println("no PANIC arrived within 10 s at press " + i);
          return 1;
        }
        if (i >= 0) {
          samples[i] = arrived - edge;
        }
      }
      Arrays.sort(samples);
      System.out.printf("edge->publish (received by a loopback subscriber), %d presses: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          presses, samples[presses / 2] / 1e6, samples[(int) Math.ceil(presses * 0.99) - 1] / 1e6, samples[presses - 1] / 1e6);
    } finally {
      sub.disconnect();
      sub.close();
    }
    return 0;
  }

  private MqttClient subscriber(BlockingQueue<Long> arrivals) throws MqttException {
    MqttClient c = new MqttClient(broker, "latency-benchmark", new MemoryPersistence());
    c.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        String s = new String(message.getPayload(), StandardCharsets.UTF_8);
        if (s.contains("\"kind\":\"PANIC")) {
          arrivals.offer(System.nanoTime());
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse r) { }

      @Override
      public void mqttErrorOccurred(MqttException e) { }

      @Override
      public void deliveryComplete(IMqttToken t) { }

      @Override
      public void connectComplete(boolean reconnect, String uri) { }

      @Override
      public void authPacketArrived(int code, MqttProperties p) { }
    });
    c.connect(new MqttConnectionOptions());
    c.subscribe(new String[] {"posts/bench-001/events"}, new int[] {0});
    return c;
  }
}
