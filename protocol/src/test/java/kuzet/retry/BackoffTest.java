package kuzet.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysGrowExponentiallyWithJitterUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(30_000), new Random(1));
    long[] expectedStep = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
    for (long step : expectedStep) {
      long d = b.next().toMillis();
      assertThat(d).isBetween(step / 2, step);
    }
    b.reset();
    assertThat(b.next().toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void postsThatLostPowerTogetherDoNotAllRetryAtTheSameMoment() {
    Set<Long> firstRetries = new HashSet<>();
    for (int post = 0; post < 50; post++) {
      Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(60_000), new Random(post));
      b.next();
      b.next();
      firstRetries.add(b.next().toMillis() / 100);
    }
    assertThat(firstRetries).as("third retries of 50 posts spread over distinct 100 ms slots").hasSizeGreaterThan(10);
  }

  @Test
  void doublingHasNoJitter() {
    Backoff b = Backoff.doubling(Duration.ofMillis(20), Duration.ofMillis(50));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(20));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(40));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(50));
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void boundsThatCannotWorkAreRefusedByName() {
    assertThatThrownBy(() -> Backoff.doubling(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("backoff min PT0S must be positive");
    assertThatThrownBy(() -> Backoff.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("backoff max PT1S must be at least min PT2S");
  }
}
