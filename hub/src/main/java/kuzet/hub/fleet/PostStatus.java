package kuzet.hub.fleet;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a post is connected, as far as the hub knows. */
public enum PostStatus {
  ONLINE, OFFLINE, UNKNOWN;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
