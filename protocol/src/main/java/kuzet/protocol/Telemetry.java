package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Periodic readings on {@code telemetry}. {@code faults} names the parts of the post that are missing or failing now
 * (empty: none); absent from posts older than this field. {@code configVersion}: as in {@link Birth}.
 */
public record Telemetry(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) Readings readings,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> faults,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long configVersion) implements PostMessage {

  public Telemetry {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(readings, "readings");
    faults = Envelope.faults(faults);
    Envelope.configVersion(configVersion);
  }

  /** Telemetry that does not report a config version (as posts before the field did). */
  public Telemetry(PostId postId, Instant ts, String bootId, long seq, Readings readings, List<String> faults) {
    this(postId, ts, bootId, seq, readings, faults, null);
  }

  /** Telemetry that says nothing about the post's faults (as posts before the field did). */
  public Telemetry(PostId postId, Instant ts, String bootId, long seq, Readings readings) {
    this(postId, ts, bootId, seq, readings, null, null);
  }

  @Override
  public Channel channel() {
    return Channel.TELEMETRY;
  }
}
