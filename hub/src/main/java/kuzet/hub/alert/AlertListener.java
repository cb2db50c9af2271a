package kuzet.hub.alert;

/** Hears every new or changed alert (for the live stream and the fleet's open-alert counts). */
@FunctionalInterface
public interface AlertListener {
  /** {@code previous} is null for a new alert. */
  void changed(Alert previous, Alert current);

  /**
   * A change another hub made and stored, now known here. Shown like any change; a listener with side effects
   * that the other hub already had (an audit line) leaves it alone.
   */
  default void adopted(Alert previous, Alert current) {
    changed(previous, current);
  }
}
