package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Hub to post, retained on {@code config}: settings the hub manages centrally. A null field leaves the
 * post's own file setting in force. configVersion only grows, so a post ignores an older retained copy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostConfig(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) long configVersion,
    Integer telemetryIntervalS,
    Integer motionCooldownS,
    Integer selfTestHour,
    Double latitude,
    Double longitude) implements PostMessage {

  public PostConfig {
    Envelope.check(postId, ts, bootId, seq);
    if (configVersion < 0) {
      throw new IllegalArgumentException("configVersion " + configVersion + " is out of range: must be 0 or more");
    }
    Envelope.range(telemetryIntervalS, "telemetryIntervalS", 1, 3600);
    Envelope.range(motionCooldownS, "motionCooldownS", 0, 3600);
    Envelope.range(selfTestHour, "selfTestHour", 0, 23);
    Envelope.range(latitude, "latitude", -90, 90);
    Envelope.range(longitude, "longitude", -180, 180);
  }

  @Override
  public Channel channel() {
    return Channel.CONFIG;
  }
}
