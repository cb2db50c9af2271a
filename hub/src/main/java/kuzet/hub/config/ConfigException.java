package kuzet.hub.config;

/** Invalid configuration: the message names the key and says what is wrong with its value. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String reason) {
    super("config key '" + key + "': " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
