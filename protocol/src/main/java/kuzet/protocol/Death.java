package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Retained on {@code status} as the MQTT Will and on clean shutdown. The boot id says which connection
 * died, so a late Will from an earlier boot never marks a post offline that has already come back.
 */
public record Death(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) Reason reason) implements PostMessage {

  /** WILL: the broker published it for a lost connection. SHUTDOWN: the agent stopped cleanly. */
  public enum Reason { WILL, SHUTDOWN }

  public Death {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(reason, "reason");
  }

  @Override
  public Channel channel() {
    return Channel.STATUS;
  }
}
