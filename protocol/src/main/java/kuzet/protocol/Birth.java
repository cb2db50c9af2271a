package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Retained on {@code status} when a post connects: it is online, and which boot of it this is. */
public record Birth(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) String agentVersion,
    @JsonProperty(required = true) String hardwareProfile,
    @JsonProperty(required = true) boolean hubReachable) implements PostMessage {

  public Birth {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.text(agentVersion, "agentVersion", 64);
    Envelope.text(hardwareProfile, "hardwareProfile", 64);
  }

  @Override
  public Channel channel() {
    return Channel.STATUS;
  }
}
