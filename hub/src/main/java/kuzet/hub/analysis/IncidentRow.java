package kuzet.hub.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One PANIC incident's timeline. {@code pressedAt} is by the post's clock and null when unknown;
 * {@code receivedAt} is when the hub opened the alert; the rest are null until they happened.
 */
public record IncidentRow(UUID alertId, UUID incidentId, String postId, String postName, String district,
                          Instant pressedAt, Instant receivedAt, Instant acknowledgedAt, String acknowledgedBy,
                          Instant dispatchedAt, String dispatchedBy, Instant resolvedAt, String resolvedBy,
                          String note) {

  /** From the press (post's clock) to the hub's receipt; null when the press time is unknown. */
  public Long secondsFromPress() {
    return pressedAt == null ? null : Duration.between(pressedAt, receivedAt).toSeconds();
  }

  /** Pressed, then resolved without a unit sent: a false or test press. */
  public boolean resolvedWithoutDispatch() {
    return resolvedAt != null && dispatchedAt == null;
  }

  public Long secondsToAcknowledge() {
    return seconds(acknowledgedAt);
  }

  public Long secondsToDispatch() {
    return seconds(dispatchedAt);
  }

  public Long secondsToResolve() {
    return seconds(resolvedAt);
  }

  private Long seconds(Instant to) {
    return to == null ? null : Duration.between(receivedAt, to).toSeconds();
  }
}
