package kuzet.release;

/**
 * Why a post refused a release, with a message for the operator. The reason travels to the hub in the post's
 * UPDATE_STATUS event ({@code reason}) and is shown on the board.
 */
public final class Refusal extends Exception {
  /** The kinds of refusal; each is named on the wire. */
  public enum Reason {
    /** A file, the manifest or the whole bundle differs from what was signed or announced. */
    TAMPERED,
    /** Signed by a key this post does not trust. */
    WRONG_KEY,
    /** Older than the running version, and the rollout did not allow going back. */
    DOWNGRADE,
    /** The download ended short of the announced size. */
    TRUNCATED,
    /** The post cannot take the update now or at all (no release key, a panic is active, disk or network error). */
    NOT_APPLICABLE
  }

  private final Reason reason;

  public Refusal(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Refusal(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
