package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Post to hub, on {@code commands/ack}: ok, or a specific error. A failed ack must say why. */
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

  @Override
  public Channel channel() {
    return Channel.COMMAND_ACKS;
  }

  @Override
  public String dedupId() {
    return commandId.toString();
  }
}
