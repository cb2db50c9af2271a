package kuzet.agent.outbox;

/** Send order: a lower number leaves first. PANIC overtakes any backlog; events overtake telemetry. */
public enum Priority {
  PANIC(0), EVENT(1), TELEMETRY(2);

  private final int rank;

  Priority(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }
}
