package kuzet.hub.config;

import java.util.Locale;

/** Who the embedded broker lets in (config key {@code broker.auth}). */
public enum BrokerAuth {
  /** Registered, not revoked posts (password or fleet client certificate) and the hub's own account. */
  REGISTRY,
  /** Anyone, with no topic rules: only for the demo and for tests on loopback. */
  NONE;

  static BrokerAuth parse(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "registry" -> REGISTRY;
      case "none" -> NONE;
      default -> throw new ConfigException(ConfigKey.BROKER_AUTH.key(), "'" + value + "' is not registry or none");
    };
  }
}
