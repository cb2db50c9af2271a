package kuzet.agent.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.protocol.testing.MutableClock;
import kuzet.agent.link.Identity;
import kuzet.agent.outbox.Outbox;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputEventsTest {
  @TempDir
  Path dir;

  @Test
  void contactChangesBecomeEventsAtOnceAndMotionRespectsItsCooldown() throws Exception {
    var clock = new MutableClock(java.time.Instant.EPOCH);
    ProtocolCodec codec = new ProtocolCodec(Topics.defaults(), Clock.systemUTC());
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.MOCK);
         Outbox outbox = new Outbox(dir.resolve("o.db"), 100, 1000)) {
      new Reporter(hw.board(), new Events(new Identity(new PostId("inputs-1"), Clock.systemUTC()), codec, outbox),
          clock, Duration.ofSeconds(60)).watchInputs();
      MockDigitalInput door = hw.context().registry().get("door", MockDigitalInput.class);
      MockDigitalInput mains = hw.context().registry().get("mains", MockDigitalInput.class);
      MockDigitalInput tamper = hw.context().registry().get("tamper", MockDigitalInput.class);
      MockDigitalInput motion = hw.context().registry().get("motion", MockDigitalInput.class);
      door.mockState(DigitalState.HIGH);
      door.mockState(DigitalState.LOW);
      mains.mockState(DigitalState.HIGH);
      mains.mockState(DigitalState.LOW);
      tamper.mockState(DigitalState.HIGH);
      for (int s : new int[] {0, 10, 59, 60, 61, 130}) {
        clock.set(java.time.Instant.EPOCH.plusSeconds(s));
        motion.mockState(DigitalState.HIGH);
        motion.mockState(DigitalState.LOW);
      }
      List<EventKind> kinds = new ArrayList<>();
      for (var h = outbox.head(); h.isPresent(); h = outbox.head()) {
        kinds.add(((Event) codec.decode(h.get().topic(), h.get().payload())).kind());
        outbox.remove(h.get().id());
      }
      assertThat(kinds).containsExactly(EventKind.DOOR_OPENED, EventKind.DOOR_CLOSED, EventKind.MAINS_RESTORED,
          EventKind.MAINS_LOST, EventKind.TAMPER, EventKind.MOTION, EventKind.MOTION, EventKind.MOTION);
    }
  }
}
