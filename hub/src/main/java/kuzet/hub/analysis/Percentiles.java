package kuzet.hub.analysis;

import java.util.List;

/** Nearest-rank percentiles: always a value that was measured, the same in every report. */
public final class Percentiles {
  private Percentiles() {}

  /** The p-th percentile (0 < p <= 1) of ascending values, or null when there are none. */
  public static Long nearestRank(List<Long> ascending, double p) {
    if (ascending.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * ascending.size());
    return ascending.get(Math.max(1, rank) - 1);
  }
}
