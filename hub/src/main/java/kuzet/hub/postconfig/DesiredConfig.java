package kuzet.hub.postconfig;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.fleet.PostConfigStatus;

/**
 * The settings the hub wants one post to run, under a version that only grows, and the post's last answer to a CONFIG
 * ({@code ackVersion}; {@code ackError} null when it applied it).
 */
public record DesiredConfig(String postId, long version, UUID commandId, Map<String, String> settings, String changedBy,
                            Instant changedAt, Long ackVersion, String ackError, String ackRestart, Instant ackAt) {

  public DesiredConfig {
    settings = Map.copyOf(settings);
  }

  /** Judged against the version the post reports running (null: it has not said). */
  public PostConfigStatus status(Long reported) {
    boolean answered = ackVersion != null && ackVersion == version;
    if (reported != null && reported == version) {
      return new PostConfigStatus(version, PostConfigStatus.APPLIED, null, answered ? ackRestart : null);
    }
    if (answered && ackError != null) {
      return new PostConfigStatus(version, PostConfigStatus.REFUSED, ackError, null);
    }
    return new PostConfigStatus(version, PostConfigStatus.PENDING, null, null);
  }

  DesiredConfig answered(long answeredVersion, String error, String restart, Instant at) {
    return new DesiredConfig(postId, version, commandId, settings, changedBy, changedAt, answeredVersion, error, restart,
        at);
  }
}
