package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Post to hub, on {@code commands/ack}: ok, or a specific error. A failed ack must say why; a command refused
 * because it arrived too late carries {@code detail.reason = EXPIRED}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandAck(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) UUID commandId,
    @JsonProperty(required = true) boolean ok,
    String error,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> detail) implements PostMessage {

  public CommandAck {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(commandId, "commandId");
    if (ok && error != null) {
      throw new IllegalArgumentException("error must be absent when ok is true");
    }
    if (!ok) {
      Envelope.text(error, "error", 1024);
    }
    detail = Envelope.attributes(detail, "detail");
  }

  /** The {@code detail.reason} of a command refused as too old to apply. */
  public static final String EXPIRED = "EXPIRED";
  /** The {@code detail} key that names why a command was refused. */
  public static final String REASON = "reason";

  /** Whether the post refused the command because it was older than the post's bound. */
  @JsonIgnore
  public boolean expired() {
    return !ok && EXPIRED.equals(detail.get(REASON));
  }

  @Override
  public Channel channel() {
    return Channel.COMMAND_ACKS;
  }

  @Override
  public String dedupId() {
    return commandId.toString();
  }
}
