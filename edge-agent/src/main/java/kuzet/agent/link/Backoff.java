package kuzet.agent.link;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delay with random jitter (each delay is drawn between half and all of the exponential step),
 * so the posts of a district that lost power together do not all reconnect in the same second.
 */
public final class Backoff {
  private final long minMs;
  private final long maxMs;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration min, Duration max, RandomGenerator random) {
    this.minMs = min.toMillis();
    this.maxMs = max.toMillis();
    this.random = random;
  }

  public Duration next() {
    long step = Math.min(maxMs, minMs << Math.min(attempt, 30));
    attempt++;
    long low = Math.max(1, step / 2);
    return Duration.ofMillis(low + random.nextLong(step - low + 1));
  }

  public void reset() {
    attempt = 0;
  }
}
