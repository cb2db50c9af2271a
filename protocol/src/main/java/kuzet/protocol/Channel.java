package kuzet.protocol;

/** The topic levels below {@code {root}/{postId}/}, with who publishes there and how. */
public enum Channel {
  STATUS("status", Direction.POST_TO_HUB, 1, true),
  TELEMETRY("telemetry", Direction.POST_TO_HUB, 0, false),
  EVENTS("events", Direction.POST_TO_HUB, 1, false),
  COMMANDS("commands", Direction.HUB_TO_POST, 1, false),
  COMMAND_ACKS("commands/ack", Direction.POST_TO_HUB, 1, false),
  CONFIG("config", Direction.HUB_TO_POST, 1, true);

  public enum Direction { POST_TO_HUB, HUB_TO_POST }

  private final String suffix;
  private final Direction direction;
  private final int qos;
  private final boolean retained;

  Channel(String suffix, Direction direction, int qos, boolean retained) {
    this.suffix = suffix;
    this.direction = direction;
    this.qos = qos;
    this.retained = retained;
  }

  public String suffix() {
    return suffix;
  }

  public Direction direction() {
    return direction;
  }

  /** The QoS the protocol asks for on this channel (telemetry may also be sent at QoS 1). */
  public int qos() {
    return qos;
  }

  public boolean retained() {
    return retained;
  }

  static Channel fromSuffix(String suffix) {
    for (Channel c : values()) {
      if (c.suffix.equals(suffix)) {
        return c;
      }
    }
    return null;
  }
}
