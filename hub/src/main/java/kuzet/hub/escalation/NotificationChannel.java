package kuzet.hub.escalation;

/** A way to reach a target (webhook, e-mail). Never blocks; reports every attempt and its outcome. */
public interface NotificationChannel {
  /** Receives one line per attempt or outcome, to be kept in the alert's history. */
  @FunctionalInterface
  interface Outcome {
    void record(String detail);
  }

  /** Whether this channel can reach the target at all. */
  boolean reaches(Target target);

  void deliver(Notice notice, Target target, Outcome outcome);
}
