package kuzet.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The project's one retry delay: exponential from {@code min}, capped at {@code max}, with random jitter (each delay
 * is drawn between half and all of the exponential step), so the posts of a district that lost power together do
 * not all reconnect in the same second, nor the hubs of a city once their database is back. {@link #doubling} drops
 * the jitter where the exact delays are promised (and shown) to people. Not thread-safe: one per retrying loop.
 */
public final class Backoff {
  private final long minMs;
  private final long maxMs;
  private final RandomGenerator random;
  private int attempt;

  /** Jittered; {@code random} may be seeded so that many posts spread out differently. */
  public Backoff(Duration min, Duration max, RandomGenerator random) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || min.isZero()) {
      throw new IllegalArgumentException("backoff min " + min + " must be positive");
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " must be at least min " + min);
    }
    // whole milliseconds, at least one: finer waits are not worth a timer
    this.minMs = Math.max(1, min.toMillis());
    this.maxMs = Math.max(minMs, max.toMillis());
    this.random = random;
  }

  /** Exactly {@code min}, twice that, and so on up to {@code max}: no jitter. */
  public static Backoff doubling(Duration min, Duration max) {
    return new Backoff(min, max, null);
  }

  /** The wait before the next attempt; each call counts one more failed attempt. */
  public Duration next() {
    long step = Math.min(maxMs, minMs << Math.min(attempt, 30));
    attempt++;
    if (random == null) {
      return Duration.ofMillis(step);
    }
    long low = Math.max(1, step / 2);
    return Duration.ofMillis(low + random.nextLong(step - low + 1));
  }

  /** After a success: the next failure waits {@code min} again. */
  public void reset() {
    attempt = 0;
  }
}
