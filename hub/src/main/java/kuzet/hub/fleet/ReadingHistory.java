package kuzet.hub.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The newest N samples of one reading, in arrival order, in a fixed-size ring. */
final class ReadingHistory {
  private final Instant[] at;
  private final double[] values;
  private int next;
  private int size;

  ReadingHistory(int capacity) {
    at = new Instant[capacity];
    values = new double[capacity];
  }

  void add(Instant ts, double value) {
    at[next] = ts;
    values[next] = value;
    next = (next + 1) % at.length;
    size = Math.min(size + 1, at.length);
  }

  /** Oldest first, as [[iso-time, value], ...] for the board's charts. */
  List<List<Object>> points() {
    List<List<Object>> out = new ArrayList<>(size);
    int start = (next - size + at.length) % at.length;
    for (int i = 0; i < size; i++) {
      int idx = (start + i) % at.length;
      out.add(List.of(at[idx].toString(), values[idx]));
    }
    return out;
  }
}
