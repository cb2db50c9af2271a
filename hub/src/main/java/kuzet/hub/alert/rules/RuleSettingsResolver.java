package kuzet.hub.alert.rules;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.ConfigSource;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;

/**
 * Resolves {@link RuleSettings} for a post: {@code rules.<post-id>.<name>} over {@code rules.<post-type>.<name>}
 * over {@code alerts.<name>}. Every override is checked when the hub starts, so a typo fails at once.
 */
public final class RuleSettingsResolver {
  static final String PREFIX = "rules.";
  private static final Set<ConfigKey> KEYS = EnumSet.of(ConfigKey.ALERTS_CLEAR_HOLD_S, ConfigKey.ALERTS_MAINS_LOST_DELAY_S,
      ConfigKey.ALERTS_BATTERY_LOW_V, ConfigKey.ALERTS_BATTERY_CLEAR_V, ConfigKey.ALERTS_BATTERY_EMPTY_V,
      ConfigKey.ALERTS_TEMPERATURE_MIN_C, ConfigKey.ALERTS_TEMPERATURE_MAX_C, ConfigKey.ALERTS_TEMPERATURE_HYSTERESIS_C,
      ConfigKey.ALERTS_SEQUENCE_GAP_MAX, ConfigKey.ALERTS_CLOCK_SKEW_MAX_S, ConfigKey.ALERTS_SELF_TEST_MISSING_AFTER_S,
      ConfigKey.ALERTS_STAFFED_HOURS);

  private final ConfigSource source;
  private final ZoneId zone;
  private final Map<String, RuleSettings> cache = new HashMap<>();

  public RuleSettingsResolver(ConfigSource source) {
    this.source = source;
    try {
      this.zone = ZoneId.of(source.string(ConfigKey.ALERTS_TIME_ZONE));
    } catch (DateTimeException e) {
      throw new ConfigException(ConfigKey.ALERTS_TIME_ZONE.key(), "'" + source.string(ConfigKey.ALERTS_TIME_ZONE)
          + "' is not a time zone such as Asia/Almaty");
    }
    Set<String> scopes = new java.util.TreeSet<>();
    for (String key : source.startingWith(PREFIX).keySet()) {
      String rest = key.substring(PREFIX.length());
      int dot = rest.lastIndexOf('.');
      String scope = dot < 0 ? "" : rest.substring(0, dot);
      String name = rest.substring(dot + 1);
      if (!isPostType(scope) && !PostId.isValid(scope)) {
        throw new ConfigException(key, "'" + scope + "' is neither a post type (modular-post, district-point) nor a post id");
      }
      if (byName(name) == null) {
        throw new ConfigException(key, "'" + name + "' is not a rule setting (use a name after 'alerts.', e.g. temperatureMaxC)");
      }
      scopes.add(scope);
    }
    settings(null, null);
    for (String scope : scopes) {
      settings(isPostType(scope) ? scope : null, isPostType(scope) ? null : scope);
    }
    for (PostType t : PostType.values()) {
      settings(t.id(), null);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  public RuleSettings forPost(RegisteredPost post) {
    RuleSettings known = cache.get(post.id().value()); // asked per message per rule: no capturing lambda each time
    return known != null ? known : cache.computeIfAbsent(post.id().value(), id -> settings(post.type().id(), id));
  }

  private RuleSettings settings(String type, String postId) {
    Lookup l = new Lookup(type, postId);
    try {
      return new RuleSettings(l.seconds(ConfigKey.ALERTS_CLEAR_HOLD_S), l.seconds(ConfigKey.ALERTS_MAINS_LOST_DELAY_S),
          l.decimal(ConfigKey.ALERTS_BATTERY_LOW_V), l.decimal(ConfigKey.ALERTS_BATTERY_CLEAR_V),
          l.decimal(ConfigKey.ALERTS_BATTERY_EMPTY_V), l.decimal(ConfigKey.ALERTS_TEMPERATURE_MIN_C),
          l.decimal(ConfigKey.ALERTS_TEMPERATURE_MAX_C), l.decimal(ConfigKey.ALERTS_TEMPERATURE_HYSTERESIS_C),
          (int) l.whole(ConfigKey.ALERTS_SEQUENCE_GAP_MAX), l.seconds(ConfigKey.ALERTS_CLOCK_SKEW_MAX_S),
          l.seconds(ConfigKey.ALERTS_SELF_TEST_MISSING_AFTER_S),
          l.hours(ConfigKey.ALERTS_STAFFED_HOURS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(postId != null ? PREFIX + postId : type != null ? PREFIX + type : "alerts.", e.getMessage());
    }
  }

  private static boolean isPostType(String scope) {
    for (PostType t : PostType.values()) {
      if (t.id().equals(scope)) {
        return true;
      }
    }
    return false;
  }

  private static ConfigKey byName(String name) {
    for (ConfigKey k : KEYS) {
      if (k.key().equals("alerts." + name)) {
        return k;
      }
    }
    return null;
  }

  /** One value, most specific scope first, remembering which key it came from for error messages. */
  private final class Lookup {
    private final String type;
    private final String postId;

    Lookup(String type, String postId) {
      this.type = type;
      this.postId = postId;
    }

    private String[] value(ConfigKey k) {
      String name = k.key().substring("alerts.".length());
      for (String scope : new String[] {postId, type}) {
        if (scope != null) {
          String v = source.raw(PREFIX + scope + "." + name);
          if (v != null) {
            return new String[] {PREFIX + scope + "." + name, v.trim()};
          }
        }
      }
      return new String[] {k.key(), source.string(k).trim()};
    }

    double decimal(ConfigKey k) {
      String[] kv = value(k);
      try {
        double d = Double.parseDouble(kv[1]);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new ConfigException(kv[0], "'" + kv[1] + "' is not a number");
      }
    }

    long whole(ConfigKey k) {
      String[] kv = value(k);
      try {
        long n = Long.parseLong(kv[1]);
        if (n < 0 || n > 10_000_000) {
          throw new ConfigException(kv[0], n + " is out of range [0, 10000000]");
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(kv[0], "'" + kv[1] + "' is not a whole number");
      }
    }

    Duration seconds(ConfigKey k) {
      return Duration.ofSeconds(whole(k));
    }

    StaffedHours hours(ConfigKey k) {
      String[] kv = value(k);
      try {
        return StaffedHours.parse(kv[1], zone);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(kv[0], e.getMessage());
      }
    }
  }
}
