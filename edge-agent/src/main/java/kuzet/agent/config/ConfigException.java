package kuzet.agent.config;

/** An invalid configuration: names the key (or file) and says why, so the agent refuses to start with a clear message. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String reason) {
    super(key + ": " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
