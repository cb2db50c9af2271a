package kuzet.protocol;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The settings of a post the hub may manage centrally, named as in the configuration file of whoever acts on them: the
 * agent's for the settings sent in CONFIG {@code settings} ({@link Applies#POST}), the hub's for the one its own rules
 * read ({@link Applies#HUB}). This is the one definition of each one's form and range: the agent parses its file and
 * the hub's CONFIG with {@link #parse}, and the hub refuses an operator's value with the same check before it stores
 * or publishes anything.
 */
public enum PostSetting {
  TELEMETRY_INTERVAL_S("telemetry.intervalS", Form.INTEGER, 1, 3600),
  MOTION_COOLDOWN_S("motion.cooldownS", Form.INTEGER, 0, 3600),
  SELF_TEST_HOUR("selftest.hour", Form.INTEGER, -1, 23),
  PANIC_DEBOUNCE_MS("panic.debounceMs", Form.INTEGER, 0, 1000),
  PANIC_HOLD_MS("panic.holdMs", Form.INTEGER, 0, 10_000),
  DOOR_DEBOUNCE_MS("door.debounceMs", Form.INTEGER, 0, 60_000),
  TAMPER_DEBOUNCE_MS("tamper.debounceMs", Form.INTEGER, 0, 60_000),
  MAINS_DEBOUNCE_MS("mains.debounceMs", Form.INTEGER, 0, 60_000),
  MOTION_DEBOUNCE_MS("motion.debounceMs", Form.INTEGER, 0, 60_000),
  LATITUDE("location.latitude", Form.DECIMAL, -90, 90),
  LONGITUDE("location.longitude", Form.DECIMAL, -180, 180),
  FLOODLIGHTS_HOURS("lighting.floodlightsHours", Form.WINDOW, 0, 0),
  INTERIOR_HOURS("lighting.interiorHours", Form.WINDOW, 0, 0),
  /**
   * When the post is staffed by schedule (the hub's {@code alerts.staffedHours} for this post; empty: only when an
   * operator marks it staffed). Only the hub's door rule reads it, so it stays on the hub and is left out of the CONFIG
   * the post is sent: no part of the agent acts on staffed hours, and an agent refuses a whole CONFIG that names a key
   * it does not know, so sending it would make every agent released before this key refuse every later change.
   */
  STAFFED_HOURS("alerts.staffedHours", Form.WINDOW, 0, 0, Applies.HUB);

  /** How a value is written: a whole number, a decimal number, or a daily window such as {@code 20:00-06:00}. */
  public enum Form { INTEGER, DECIMAL, WINDOW }

  /** Who acts on a setting: the post's agent (sent in its CONFIG), or the hub alone (kept out of the CONFIG). */
  public enum Applies { POST, HUB }

  /** A daily window in local time; may cross midnight. {@link #NONE} (written as an empty value) is no window. */
  public record Window(LocalTime from, LocalTime to) {
    public static final Window NONE = new Window(null, null);

    public boolean covers(LocalTime t) {
      if (from == null) {
        return false;
      }
      return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    @Override
    public String toString() {
      return from == null ? "" : from + "-" + to;
    }
  }

  private final String key;
  private final Form form;
  private final double min;
  private final double max;
  private final Applies applies;

  PostSetting(String key, Form form, double min, double max) {
    this(key, form, min, max, Applies.POST);
  }

  PostSetting(String key, Form form, double min, double max, Applies applies) {
    this.key = key;
    this.form = form;
    this.min = min;
    this.max = max;
    this.applies = applies;
  }

  public String key() {
    return key;
  }

  public Form form() {
    return form;
  }

  /** The lower bound of a number setting. */
  public double min() {
    return min;
  }

  /** The upper bound of a number setting. */
  public double max() {
    return max;
  }

  public Applies applies() {
    return applies;
  }

  /**
   * The part of a post's desired settings its agent acts on, which is what its CONFIG carries: keys the hub alone
   * reads are left out, and so is a key no setting has (the agent would refuse the whole CONFIG for it).
   */
  public static Map<String, String> forPost(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach((k, v) -> byKey(k).filter(s -> s.applies == Applies.POST).ifPresent(s -> out.put(k, v)));
    return out;
  }

  public static Optional<PostSetting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  /** Every key, comma-separated, for error messages that must say what would have been right. */
  public static String keys() {
    return Arrays.stream(values()).map(PostSetting::key).collect(Collectors.joining(", "));
  }

  /** The keys a post's CONFIG may carry, comma-separated, for the agent's error messages. */
  public static String postKeys() {
    return Arrays.stream(values()).filter(s -> s.applies == Applies.POST).map(PostSetting::key)
        .collect(Collectors.joining(", "));
  }

  /**
   * Parses and range-checks a value: a {@link Long}, a {@link Double} or a {@link Window}. Throws
   * IllegalArgumentException with the reason (without the key, which the caller names).
   */
  public Object parse(String raw) {
    String v = raw == null ? "" : raw.strip();
    return switch (form) {
      case INTEGER -> integer(v);
      case DECIMAL -> decimal(v);
      case WINDOW -> window(v);
    };
  }

  public long integer(String raw) {
    requireForm(Form.INTEGER);
    long n;
    try {
      n = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + PostId.abbreviate(raw) + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(n + " is out of range [" + (long) min + ", " + (long) max + "]");
    }
    return n;
  }

  public double decimal(String raw) {
    requireForm(Form.DECIMAL);
    double d;
    try {
      d = Double.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + PostId.abbreviate(raw) + "' is not a number");
    }
    if (Double.isNaN(d) || d < min || d > max) {
      throw new IllegalArgumentException(raw.strip() + " is out of range [" + min + ", " + max + "]");
    }
    return d;
  }

  public Window window(String raw) {
    requireForm(Form.WINDOW);
    String v = raw.strip();
    if (v.isEmpty()) {
      return Window.NONE;
    }
    String[] parts = v.split("-");
    try {
      if (parts.length == 2) {
        Window w = new Window(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        if (!w.from().equals(w.to())) {
          return w;
        }
      }
    } catch (DateTimeParseException e) {
      // explained below
    }
    throw new IllegalArgumentException("'" + PostId.abbreviate(v)
        + "' is not a daily window such as 20:00-06:00 (two different times of day, HH:MM), or empty for none");
  }

  private void requireForm(Form wanted) {
    if (form != wanted) {
      throw new IllegalStateException(key + " is a " + form + " setting, not " + wanted);
    }
  }
}
