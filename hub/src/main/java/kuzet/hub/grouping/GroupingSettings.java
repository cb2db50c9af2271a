package kuzet.hub.grouping;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import kuzet.hub.alert.AlertTypes;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.ConfigSource;

/** Which alert types fold into district-wide incidents, over what window, from how many posts. */
public record GroupingSettings(Set<String> types, Duration window, int minPosts) {
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  public GroupingSettings {
    types = Set.copyOf(types);
    if (types.contains(AlertTypes.PANIC)) {
      throw new IllegalArgumentException("PANIC is never grouped: every resident's call is its own alert");
    }
  }

  public static GroupingSettings from(ConfigSource s) {
    Set<String> types = new LinkedHashSet<>();
    String raw = s.string(ConfigKey.GROUPING_TYPES);
    for (String part : raw.split(",")) {
      String t = part.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (!TYPE.matcher(t).matches()) {
        throw new ConfigException(ConfigKey.GROUPING_TYPES.key(), "'" + t + "' is not an alert type such as MAINS_LOST");
      }
      types.add(t);
    }
    try {
      return new GroupingSettings(types, Duration.ofSeconds(s.integer(ConfigKey.GROUPING_WINDOW_S, 1, 86_400)),
          s.integer(ConfigKey.GROUPING_MIN_POSTS, 2, 100_000));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.GROUPING_TYPES.key(), e.getMessage());
    }
  }
}
