package kuzet.hub.alert;

/** Hears every new or changed alert (for the live stream and the fleet's open-alert counts). */
@FunctionalInterface
public interface AlertListener {
  /** {@code previous} is null for a new alert. */
  void changed(Alert previous, Alert current);
}
