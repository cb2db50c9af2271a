package kuzet.agent.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.i2c.I2C;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.agent.link.Identity;
import kuzet.agent.outbox.Entry;
import kuzet.agent.outbox.Outbox;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.Message;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Telemetry;
import kuzet.protocol.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorFaultTest {
  @TempDir
  Path dir;

  @Test
  void anAbsentBme280GivesOneSensorFaultAndTelemetryKeepsTheOtherReadings() throws Exception {
    ProtocolCodec codec = new ProtocolCodec(Topics.defaults(), Clock.systemUTC());
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.MOCK);
         Outbox outbox = new Outbox(dir.resolve("outbox.db"), 1000, 1000)) {
      // The ADS1115 answers 26400 counts: 3.3 V at the pin, 13.2 V behind the 4:1 divider. Nothing answers as a BME280.
      I2C adc = hw.context().registry().get("ads1115", I2C.class);
      for (int i = 0; i < 5; i++) {
        adc.writeRegister(0x00, new byte[] {0x67, 0x20}, 0, 2);
      }
      Reporter reporter = new Reporter(hw.board(), new Events(new Identity(new PostId("sensor-post"), Clock.systemUTC()), codec, outbox),
          Clock.systemUTC(), Duration.ofSeconds(60), InputEventsTest.NO_DEBOUNCE, null);
      for (int i = 0; i < 5; i++) {
        reporter.sample();
      }
      List<Message> sent = drain(outbox, codec);
      List<Event> faults = sent.stream().filter(m -> m instanceof Event e && e.kind() == EventKind.SENSOR_FAULT)
          .map(Event.class::cast).toList();
      assertThat(faults).hasSize(1);
      assertThat(faults.get(0).attributes()).containsEntry("sensor", "bme280");
      List<Telemetry> telemetry = sent.stream().filter(Telemetry.class::isInstance).map(Telemetry.class::cast).toList();
      assertThat(telemetry).hasSize(5);
      assertThat(telemetry).allSatisfy(t -> {
        assertThat(t.readings().temperatureC()).isNull();
        assertThat(t.readings().humidityPct()).isNull();
        assertThat(t.readings().batteryV()).isCloseTo(13.2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(t.readings().floodlightsOn()).isNotNull();
      });
    }
  }

  private static List<Message> drain(Outbox outbox, ProtocolCodec codec) throws Exception {
    List<Message> out = new ArrayList<>();
    for (var head = outbox.head(); head.isPresent(); head = outbox.head()) {
      Entry e = head.get();
      out.add(codec.decode(e.topic(), e.payload()));
      outbox.remove(e.id());
    }
    return out;
  }
}
