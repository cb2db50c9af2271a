package kuzet.agent;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.Pi4jBoard;

/** A real agent on Pi4J's mock platform, for tests. */
final class TestPost implements AutoCloseable {
  final Pi4jBoard hw;
  final Agent agent;
  final AgentConfig cfg;

  TestPost(Path dir, String brokerUrl, Map<String, String> extra) {
    this(dir, brokerUrl, extra, null);
  }

  /** configFile is what CONFIG_RELOAD re-reads (the agent itself starts from the map). */
  TestPost(Path dir, String brokerUrl, Map<String, String> extra, Path configFile) {
    this(dir, brokerUrl, extra, configFile, null);
  }

  /** hw: a board the test opened itself (null: the mock platform with the configured profile). */
  TestPost(Path dir, String brokerUrl, Map<String, String> extra, Path configFile, Pi4jBoard hw) {
    Map<String, String> m = new HashMap<>();
    m.put("post.id", "test-post-1");
    m.put("mqtt.url", brokerUrl);
    m.put("data.dir", dir.toString());
    m.put("hardware.platform", "mock");
    m.put("hardware.profile", "district-point");
    m.put("mqtt.reconnectMinMs", "100");
    m.put("mqtt.reconnectMaxMs", "500");
    m.put("panic.debounceMs", "20");
    m.put("panic.holdMs", "50");
    m.put("selftest.hour", "-1");
    m.putAll(extra);
    cfg = ConfigLoader.fromMap(m, Map.of());
    this.hw = hw != null ? hw : Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
    agent = new Agent(cfg, this.hw.board(), Clock.systemUTC(), configFile, 1).start();
  }

  MockDigitalInput pin(InputRole role) {
    return hw.context().registry().get(role.key(), MockDigitalInput.class);
  }

  void hold(InputRole role) {
    pin(role).mockState(DigitalState.HIGH);
  }

  void release(InputRole role) {
    pin(role).mockState(DigitalState.LOW);
  }

  DigitalOutput output(String id) {
    return hw.context().registry().get(id, DigitalOutput.class);
  }

  /** Counts state changes of an output from now on. */
  AtomicInteger countChanges(String id) {
    AtomicInteger n = new AtomicInteger();
    output(id).addListener(e -> n.incrementAndGet());
    return n;
  }

  @Override
  public void close() {
    agent.close();
    hw.close();
  }
}
