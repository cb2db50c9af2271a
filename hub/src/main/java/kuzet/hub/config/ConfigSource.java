package kuzet.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The raw key/value view of the configuration: a Java properties file, overridden by {@code KUZET_*}
 * environment variables. Typed getters fail with a {@link ConfigException} naming the key. Keys under
 * the prefixes this class owns must be known {@link ConfigKey}s, so a typo fails at start instead of
 * being silently ignored; other prefixes are read by their own components.
 */
public final class ConfigSource {
  private static final Set<String> OWNED_PREFIXES =
      Set.of("hub.", "store.", "http.", "broker.", "mqtt.", "fleet.", "alerts.", "commands.", "sse.",
          "escalation.", "webhook.", "smtp.", "grouping.", "telemetry.", "auth.", "metrics.");

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = values;
  }

  public static ConfigSource of(Map<String, String> fileValues, Map<String, String> env) {
    Map<String, String> merged = new TreeMap<>(fileValues);
    for (String key : fileValues.keySet()) {
      if (OWNED_PREFIXES.stream().anyMatch(key::startsWith) && ConfigKey.byKey(key) == null) {
        throw new ConfigException(key, "is not a known key (see docs/hub-config.md)");
      }
    }
    for (ConfigKey k : ConfigKey.values()) {
      String fromEnv = env.get(k.envName());
      if (fromEnv != null) {
        merged.put(k.key(), fromEnv);
      }
    }
    return new ConfigSource(merged);
  }

  public static ConfigSource load(Path file, Map<String, String> env) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--config", "file " + file + " does not exist or is not a file");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> m = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
    return of(m, env);
  }

  /** The value of any key, including keys owned by other components; null when unset. */
  public String raw(String key) {
    return values.get(key);
  }

  /** Every key (file and environment) that starts with {@code prefix}, for components with open-ended keys. */
  public Map<String, String> startingWith(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  public String string(ConfigKey k) {
    return values.getOrDefault(k.key(), k.defaultValue());
  }

  public boolean bool(ConfigKey k) {
    String v = string(k).toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigException(k.key(), "'" + string(k) + "' is not true or false");
  }

  public int integer(ConfigKey k, int min, int max) {
    String v = string(k);
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(k.key(), "'" + v + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new ConfigException(k.key(), n + " is out of range [" + min + ", " + max + "]");
    }
    return (int) n;
  }

  /** An optional file that must exist when given. */
  public Path file(ConfigKey k) {
    String v = string(k);
    if (v.isEmpty()) {
      return null;
    }
    Path p = Path.of(v);
    if (!Files.isReadable(p)) {
      throw new ConfigException(k.key(), "file " + v + " does not exist or cannot be read");
    }
    return p;
  }
}
