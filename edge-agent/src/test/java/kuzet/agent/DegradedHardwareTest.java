package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareFault;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.protocol.Birth;
import kuzet.protocol.EventKind;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hardware.platform=auto on a machine without GPIO or I2C: a post that says it is degraded, never a simulated one. */
class DegradedHardwareTest {
  @TempDir
  Path dir;

  @Test
  void autoWithoutGpioIsNotTheMockPlatformButAFaultyBoard() throws Exception {
    Path noDevices = Files.createDirectories(dir.resolve("dev"));
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.AUTO, noDevices,
        MockI2CProvider.newInstance())) {
      assertThat(hw.board().faults()).extracting(HardwareFault::part).containsExactly("gpio", "i2c");
      assertThat(hw.board().faults().get(0).reason()).contains("gpiochip0 does not exist");
      assertThat(hw.context().registry().exists("panic")).as("no simulated panic button").isFalse();
      assertThat(hw.board().input(kuzet.agent.hardware.InputRole.PANIC_BUTTON).orElseThrow().isActive()).isFalse();
    }
  }

  @Test
  void theMockPlatformIsUsedOnlyWhenAskedForByName() {
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.MOCK)) {
      assertThat(hw.board().faults()).isEmpty();
      assertThat(hw.context().registry().exists("panic")).isTrue();
    }
  }

  @Test
  void aDegradedPostSaysSoInItsBirthEventsAndTelemetry() throws Exception {
    Path noDevices = Files.createDirectories(dir.resolve("dev"));
    Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.AUTO, noDevices,
        MockI2CProvider.newInstance());
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("telemetry.intervalS", "1"), null, hw)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.messages.stream().anyMatch(Birth.class::isInstance));
      Birth birth = hub.messages.stream().filter(Birth.class::isInstance).map(Birth.class::cast).findFirst().orElseThrow();
      assertThat(birth.faults()).contains("gpio", "i2c", "bme280", "ads1115");
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.events(EventKind.HARDWARE_FAULT).count() == 2);
      assertThat(hub.events(EventKind.HARDWARE_FAULT).map(e -> e.attributes().get("part"))).containsExactlyInAnyOrder("gpio", "i2c");
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.messages.stream().anyMatch(Telemetry.class::isInstance));
      Telemetry t = hub.messages.stream().filter(Telemetry.class::isInstance).map(Telemetry.class::cast).findFirst().orElseThrow();
      assertThat(t.faults()).contains("gpio", "i2c");
    }
  }
}
