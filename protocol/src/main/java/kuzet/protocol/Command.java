package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Hub to post, on {@code commands}, QoS 1. A post applies a commandId once and acknowledges every copy.
 * The bootId and seq are the hub's own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) UUID commandId,
    @JsonProperty(required = true) CommandName name,
    UUID incidentId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> args) implements PostMessage {

  public Command {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(commandId, "commandId");
    Envelope.required(name, "name");
    if (name.isPanicState()) {
      Envelope.required(incidentId, "incidentId");
    } else if (incidentId != null) {
      throw new IllegalArgumentException("incidentId is only allowed on PANIC_* commands, not on " + name);
    }
    args = Envelope.attributes(args, "args");
    name.validate(args);
  }

  @Override
  public Channel channel() {
    return Channel.COMMANDS;
  }

  @Override
  public String dedupId() {
    return commandId.toString();
  }
}
