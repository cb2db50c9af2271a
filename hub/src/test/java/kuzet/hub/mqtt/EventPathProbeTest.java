package kuzet.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;

class EventPathProbeTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T22:00:00Z"));
  private final EventPathProbe probe = new EventPathProbe(clock, Duration.ofSeconds(10), "posts/_hub/events", "hub-1");

  @Test
  void threeSilentIntervalsAfterSubscribingAreAStallRetriedEveryThreeIntervals() {
    probe.subscribed();
    clock.advance(Duration.ofSeconds(30));
    assertThat(probe.stalledNow()).as("exactly three intervals is not yet a stall").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(probe.stalledNow()).isTrue();
    assertThat(probe.alive()).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(probe.stalledNow()).as("not every interval").isFalse();
    clock.advance(Duration.ofSeconds(21));
    assertThat(probe.stalledNow()).as("retried three intervals later").isTrue();
    assertThat(probe.stalls()).as("one stall, two attempts").isEqualTo(1);
  }

  @Test
  void anyDeliveryOnThePathKeepsItAliveAndEndsAStall() {
    probe.subscribed();
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(20));
      probe.delivered(i % 2 == 0); // probes and post events alike
      assertThat(probe.stalledNow()).isFalse();
    }
    clock.advance(Duration.ofSeconds(31));
    assertThat(probe.stalledNow()).isTrue();
    probe.delivered(true);
    assertThat(probe.alive()).isTrue();
    assertThat(probe.received()).isEqualTo(6);
  }

  @Test
  void aStalledPathStaysDownAfterSubscribingAgainUntilSomethingIsDelivered() {
    probe.subscribed();
    clock.advance(Duration.ofSeconds(31));
    assertThat(probe.stalledNow()).isTrue();
    probe.subscribed();
    assertThat(probe.alive()).as("a SUBACK is no delivery").isFalse();
    clock.advance(Duration.ofSeconds(29));
    assertThat(probe.stalledNow()).isFalse();
    probe.delivered(true);
    assertThat(probe.alive()).isTrue();
    clock.advance(Duration.ofSeconds(31));
    assertThat(probe.stalledNow()).isTrue();
    assertThat(probe.stalls()).as("a new stall after a delivery").isEqualTo(2);
  }

  @Test
  void aZeroIntervalSwitchesSupervisionOff() {
    EventPathProbe off = new EventPathProbe(clock, Duration.ZERO, "posts/_hub/events", "hub-1");
    off.subscribed();
    clock.advance(Duration.ofDays(1));
    assertThat(off.enabled()).isFalse();
    assertThat(off.stalledNow()).isFalse();
    assertThat(off.alive()).isTrue();
  }
}
