package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Periodic readings on {@code telemetry}. */
public record Telemetry(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) Readings readings) implements PostMessage {

  public Telemetry {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(readings, "readings");
  }

  @Override
  public Channel channel() {
    return Channel.TELEMETRY;
  }
}
