package kuzet.hub.config;

import java.util.Locale;

/** How several hubs on one PostgreSQL database share the work (config key {@code store.hubs}). */
public enum HubsMode {
  /** One hub is active; the others wait, before they read any state, to take over when it stops. */
  STANDBY,
  /** Every hub ingests its share and serves the board; the holder of the duty lease runs the timers. */
  ACTIVE;

  static HubsMode parse(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "standby" -> STANDBY;
      case "active" -> ACTIVE;
      default -> throw new ConfigException(ConfigKey.STORE_HUBS.key(), "'" + value + "' is not standby or active");
    };
  }
}
