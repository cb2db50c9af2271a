package kuzet.hub.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.commons.suncalc.SunTimes;

/**
 * Sunset to sunrise at a post, per day of the hub's time zone: the hours a post's floodlights should be on.
 * The night of a day is the part of that day before sunrise plus the part after sunset.
 */
public final class Nights {
  /** Enough for every post of a large fleet over two days; past it the cache starts again rather than grow. */
  static final int CACHED = 8_192;

  private final ZoneId zone;
  /**
   * Sun times cost about 10 us per computation, and the rollups ask for a post's night every time its floodlights
   * switch, which a post reporting every second may do at every sample: the answer only changes with the day.
   */
  private final Map<Key, Night> cache = new ConcurrentHashMap<>();

  private record Key(LocalDate day, double latitude, double longitude) {}

  public Nights(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The day's dark hours at a place: [dayStart, sunrise) and [sunset, dayEnd). */
  public record Night(Instant dayStart, Instant sunrise, Instant sunset, Instant dayEnd) {
    public long seconds() {
      return overlap(dayStart, dayEnd);
    }

    /** Seconds of [from, to) that fall in this night. */
    public long overlap(Instant from, Instant to) {
      return span(from, to, dayStart, sunrise) + span(from, to, sunset, dayEnd);
    }

    private static long span(Instant a, Instant b, Instant c, Instant d) {
      Instant lo = a.isAfter(c) ? a : c;
      Instant hi = b.isBefore(d) ? b : d;
      return hi.isAfter(lo) ? hi.getEpochSecond() - lo.getEpochSecond() : 0;
    }
  }

  public Night night(LocalDate day, double latitude, double longitude) {
    Key key = new Key(day, latitude, longitude);
    Night known = cache.get(key);
    if (known != null) {
      return known;
    }
    if (cache.size() >= CACHED) {
      cache.clear();
    }
    Night computed = compute(day, latitude, longitude);
    cache.put(key, computed);
    return computed;
  }

  private Night compute(LocalDate day, double latitude, double longitude) {
    ZonedDateTime start = day.atStartOfDay(zone);
    ZonedDateTime end = day.plusDays(1).atStartOfDay(zone);
    SunTimes sun = SunTimes.compute().on(start).at(latitude, longitude).limit(java.time.Duration.ofDays(1)).execute();
    // polar day or night never happens where posts stand; treat it as all light or all dark rather than fail
    Instant rise = sun.getRise() == null ? (sun.isAlwaysUp() ? start.toInstant() : end.toInstant()) : sun.getRise().toInstant();
    Instant set = sun.getSet() == null ? (sun.isAlwaysUp() ? end.toInstant() : rise) : sun.getSet().toInstant();
    if (set.isBefore(rise)) {
      set = rise;
    }
    return new Night(start.toInstant(), clamp(rise, start, end), clamp(set, start, end), end.toInstant());
  }

  private static Instant clamp(Instant t, ZonedDateTime lo, ZonedDateTime hi) {
    return t.isBefore(lo.toInstant()) ? lo.toInstant() : t.isAfter(hi.toInstant()) ? hi.toInstant() : t;
  }
}
