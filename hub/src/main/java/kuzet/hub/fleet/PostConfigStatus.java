package kuzet.hub.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the hub wants a post's settings to be, against what the post reports: {@code state} is {@code applied} (the
 * post reports the desired version), {@code refused} (the post refused it: {@code error} says why) or {@code pending}
 * (not yet applied: offline, or the answer has not come). {@code restart}: keys the post applies after a restart.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostConfigStatus(long desiredVersion, String state, String error, String restart) {
  public static final String APPLIED = "applied";
  public static final String REFUSED = "refused";
  public static final String PENDING = "pending";

  /** The status of one post, or null when the hub manages none of its settings. */
  @FunctionalInterface
  public interface Source {
    PostConfigStatus status(kuzet.protocol.PostId post, Long reportedVersion);
  }
}
