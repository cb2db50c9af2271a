package kuzet.agent.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;

class SelfTestScheduleTest {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

  @Test
  void theDailySelfTestRunsAtTheNextQuietHourLocalTime() {
    MutableClock clock = new MutableClock(java.time.Instant.EPOCH);
    clock.set(ZonedDateTime.of(2026, 11, 24, 22, 30, 0, 0, ALMATY).toInstant());
    assertThat(SelfTest.delayToNext(4, ALMATY, clock)).isEqualTo(Duration.ofHours(5).plusMinutes(30));
    clock.set(ZonedDateTime.of(2026, 11, 24, 3, 0, 0, 0, ALMATY).toInstant());
    assertThat(SelfTest.delayToNext(4, ALMATY, clock)).isEqualTo(Duration.ofHours(1));
    clock.set(ZonedDateTime.of(2026, 11, 24, 4, 0, 0, 0, ALMATY).toInstant());
    assertThat(SelfTest.delayToNext(4, ALMATY, clock)).as("just ran: next day").isEqualTo(Duration.ofDays(1));
  }
}
