package kuzet.hub.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Per post and day totals not yet stored. Spans of a state are split at midnight in the hub's time zone, and
 * lit spans also count the part that fell between sunset and sunrise at the post. Not thread-safe: one owner.
 */
public final class DayLedger {
  /** One post's day: what is added to its {@code post_days} row, and that day's night length there. */
  public record Key(String postId, LocalDate day) {}

  /** What one row gains. */
  public static final class Row {
    final long[] values = new long[DayMeasure.values().length];
    long nightS;

    public long get(DayMeasure m) {
      return values[m.ordinal()];
    }

    public long nightSeconds() {
      return nightS;
    }
  }

  /** Where a post stands, for its nights. */
  public record Place(double latitude, double longitude) {}

  private final Nights nights;
  private final Map<Key, Row> rows = new HashMap<>();

  public DayLedger(Nights nights) {
    this.nights = nights;
  }

  /** Adds the seconds of [from, to) in state {@code m} (ONLINE_S, LIT_S or MAINS_OUT_S). */
  public void span(String postId, Place place, DayMeasure m, Instant from, Instant to) {
    Instant t = from;
    while (t.isBefore(to)) {
      LocalDate day = t.atZone(nights.zone()).toLocalDate();
      Nights.Night night = nights.night(day, place.latitude(), place.longitude());
      Instant end = to.isBefore(night.dayEnd()) ? to : night.dayEnd();
      Row r = row(postId, place, day, night);
      r.values[m.ordinal()] += end.getEpochSecond() - t.getEpochSecond();
      if (m == DayMeasure.LIT_S) {
        r.values[DayMeasure.NIGHT_LIT_S.ordinal()] += night.overlap(t, end);
      }
      t = end;
    }
  }

  /** Counts one event on the day it happened. */
  public void count(String postId, Place place, DayMeasure m, Instant at) {
    LocalDate day = at.atZone(nights.zone()).toLocalDate();
    row(postId, place, day, null).values[m.ordinal()]++;
  }

  /** Everything added so far, and an empty ledger. */
  public Map<Key, Row> drain() {
    Map<Key, Row> out = new HashMap<>(rows);
    rows.clear();
    return out;
  }

  /** Puts back rows that could not be stored, so they are tried again with the next ones. */
  public void restore(Map<Key, Row> unsaved) {
    unsaved.forEach((k, r) -> rows.merge(k, r, (a, b) -> {
      for (int i = 0; i < a.values.length; i++) {
        a.values[i] += b.values[i];
      }
      return a;
    }));
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  private Row row(String postId, Place place, LocalDate day, Nights.Night known) {
    return rows.computeIfAbsent(new Key(postId, day), k -> {
      Row r = new Row();
      r.nightS = (known != null ? known : nights.night(day, place.latitude(), place.longitude())).seconds();
      return r;
    });
  }
}
