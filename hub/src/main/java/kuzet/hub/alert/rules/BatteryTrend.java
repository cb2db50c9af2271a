package kuzet.hub.alert.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Recent battery voltages of one post and the least-squares trend through them, for a time-to-empty estimate. */
final class BatteryTrend {
  static final int SAMPLES = 120;

  private record Sample(Instant at, double volts) {}

  private final Deque<Sample> samples = new ArrayDeque<>();

  void add(Instant at, double volts) {
    samples.addLast(new Sample(at, volts));
    while (samples.size() > SAMPLES) {
      samples.removeFirst();
    }
  }

  /** Time until {@code emptyV} at the current slope; empty when there are too few samples or it is not falling. */
  Optional<Duration> timeToEmpty(double emptyV) {
    if (samples.size() < 3) {
      return Optional.empty();
    }
    Instant t0 = samples.peekFirst().at();
    double n = samples.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Sample s : samples) {
      double x = Duration.between(t0, s.at()).toMillis() / 1000.0;
      sx += x;
      sy += s.volts();
      sxx += x * x;
      sxy += x * s.volts();
    }
    double denom = n * sxx - sx * sx;
    if (denom <= 0) {
      return Optional.empty();
    }
    double slope = (n * sxy - sx * sy) / denom;
    if (slope >= 0) {
      return Optional.empty();
    }
    double last = samples.peekLast().volts();
    double seconds = Math.max(0, (last - emptyV) / -slope);
    return Optional.of(Duration.ofSeconds((long) Math.min(seconds, Duration.ofDays(365).toSeconds())));
  }
}
