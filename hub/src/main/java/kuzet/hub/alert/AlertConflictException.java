package kuzet.hub.alert;

/**
 * An operator's action that the alert's state does not allow (acknowledging twice, acting on a resolved alert).
 * Its own type so that the API answers 409 with this message, and nothing else that happens to be an
 * {@link IllegalStateException} reaches the caller's screen.
 */
public final class AlertConflictException extends IllegalStateException {
  public AlertConflictException(String message) {
    super(message);
  }
}
