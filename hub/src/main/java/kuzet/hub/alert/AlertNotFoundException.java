package kuzet.hub.alert;

import java.util.UUID;

/** No alert with that id. */
public final class AlertNotFoundException extends RuntimeException {
  public AlertNotFoundException(UUID id) {
    super("no alert with id " + id);
  }
}
