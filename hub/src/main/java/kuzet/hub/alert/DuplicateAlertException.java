package kuzet.hub.alert;

import java.sql.SQLException;

/**
 * The database refused an alert because another one is already open under its deduplication key (another hub
 * raised the same incident first). Not a failure to retry: the incident is stored, by the other hub.
 */
final class DuplicateAlertException extends SQLException {
  private final transient Alert refused;

  DuplicateAlertException(Alert refused, SQLException cause) {
    super("alert " + refused.id() + " duplicates an open alert under " + refused.dedupKey(), cause.getSQLState(), cause);
    this.refused = refused;
  }

  Alert refused() {
    return refused;
  }
}
