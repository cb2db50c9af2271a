package kuzet.agent.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kuzet.protocol.testing.MutableClock;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.hardware.Pi4jBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LightingTest {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
  private final MutableClock clock = new MutableClock(java.time.Instant.EPOCH);
  private final List<String> faults = new ArrayList<>();
  private Pi4jBoard hw;
  private Lighting lighting;
  private DigitalOutput flood;

  @BeforeEach
  void setUp() {
    hw = Pi4jBoard.open(HardwareProfile.load("district-point"), AgentConfig.Platform.MOCK);
    lighting = new Lighting(hw.board().output(OutputRole.FLOODLIGHTS).orElseThrow(), Optional.empty(), Optional.empty(),
        new SunSchedule(43.24, 76.85), clock, faults::add);
    flood = hw.context().registry().get("floodlights", DigitalOutput.class);
  }

  @AfterEach
  void tearDown() {
    hw.close();
  }

  private void at(int hour, int minute) {
    clock.set(ZonedDateTime.of(2026, 11, 20, hour, minute, 0, 0, ALMATY).toInstant());
    lighting.apply();
  }

  @Test
  void floodlightsAreOffAtNoonAndOnAtNineInTheEveningInNovemberInAlmaty() {
    at(12, 0);
    assertThat(flood.isHigh()).as("noon").isFalse();
    at(21, 0);
    assertThat(flood.isHigh()).as("21:00").isTrue();
    at(3, 0);
    assertThat(flood.isHigh()).as("03:00").isTrue();
  }

  @Test
  void aFixedWindowFromTheHubReplacesSunsetToSunriseAndAPanicStillLightsUp() {
    lighting.schedule(new kuzet.protocol.PostSetting.Window(java.time.LocalTime.of(23, 0), java.time.LocalTime.of(1, 0)),
        kuzet.protocol.PostSetting.Window.NONE, ALMATY);
    at(21, 0);
    assertThat(flood.isHigh()).as("21:00, dark but outside the window").isFalse();
    at(23, 30);
    assertThat(flood.isHigh()).as("23:30").isTrue();
    at(12, 0);
    lighting.panic(true);
    assertThat(flood.isHigh()).as("noon in a panic").isTrue();
  }

  @Test
  void anOverrideExpiresBackToAutomatic() {
    at(12, 0);
    assertThat(lighting.command("floodlights", true, clock.instant().plus(Duration.ofMinutes(10)))).isEmpty();
    assertThat(flood.isHigh()).as("operator turned them on at noon").isTrue();
    at(12, 9);
    assertThat(flood.isHigh()).as("override still in force").isTrue();
    at(12, 10);
    assertThat(flood.isHigh()).as("override expired: back to automatic, daylight").isFalse();
  }

  @Test
  void anOffOverrideAtNightYieldsToAPanic() {
    at(21, 0);
    lighting.command("floodlights", false, null);
    assertThat(flood.isHigh()).isFalse();
    lighting.panic(true);
    assertThat(flood.isHigh()).as("a panic forces the floodlights on").isTrue();
    lighting.panic(false);
    assertThat(flood.isHigh()).isFalse();
  }

  @Test
  void unknownTargetsAndMissingLampsAreRefused() {
    assertThat(lighting.command("porch", true, null)).contains("unknown light target 'porch'");
    assertThat(lighting.command("interior", true, null)).contains("this post has no interior light");
  }

  @Test
  void aLampWhoseFeedbackStaysOffIsReportedOnce() {
    try (Pi4jBoard modular = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.MOCK)) {
      modular.mockWiring().cut(OutputRole.FLOODLIGHTS);
      var b = modular.board();
      Lighting l = new Lighting(b.output(OutputRole.FLOODLIGHTS).orElseThrow(), b.output(OutputRole.INTERIOR),
          b.input(kuzet.agent.hardware.InputRole.FLOOD_FEEDBACK), new SunSchedule(43.24, 76.85), clock, faults::add);
      clock.set(ZonedDateTime.of(2026, 11, 20, 21, 0, 0, 0, ALMATY).toInstant());
      l.apply();
      l.apply();
      l.apply();
      assertThat(faults).containsExactly("floodlights");
    }
  }
}
