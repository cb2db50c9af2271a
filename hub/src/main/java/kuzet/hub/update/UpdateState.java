package kuzet.hub.update;

/** Where one post stands in a rollout. */
public enum UpdateState {
  /** Its stage has not started. */
  PENDING,
  /** Held back: an unresolved panic incident at the post (the update never interrupts one). */
  WAITING,
  /** The UPDATE command was sent; no answer yet. */
  SENT,
  DOWNLOADING,
  /** Installed beside the old release; restarting on trial. */
  INSTALLED,
  /** Runs the new release, which passed its trial. */
  DONE,
  /** The post refused the release (reason: TAMPERED, WRONG_KEY, DOWNGRADE, TRUNCATED, NOT_APPLICABLE). */
  REFUSED,
  /** The new release failed its trial and the post went back to the previous one by itself. */
  ROLLED_BACK,
  /** Not sent: the rollout halted after a failure in its first stage. */
  HALTED;

  /** Whether the post is finished with this rollout. */
  public boolean finished() {
    return this == DONE || this == REFUSED || this == ROLLED_BACK || this == HALTED;
  }

  /** Whether this outcome stops a rollout when it happens in its first stage. */
  boolean failure() {
    return this == REFUSED || this == ROLLED_BACK;
  }
}
