package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Retained on {@code status} when a post connects: it is online, and which boot of it this is. {@code faults} names
 * the parts of the post that are missing or failing (empty: none); absent from posts older than this field.
 * {@code configVersion} is the hub's CONFIG version the post runs (0: none yet); absent from posts that do not say.
 * {@code updateTrial} is true while the post runs a newly installed release that has not yet passed its start-up
 * checks (it may still roll back); absent or false otherwise.
 */
public record Birth(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) String agentVersion,
    @JsonProperty(required = true) String hardwareProfile,
    @JsonProperty(required = true) boolean hubReachable,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> faults,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long configVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean updateTrial) implements PostMessage {

  public Birth {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.text(agentVersion, "agentVersion", 64);
    Envelope.text(hardwareProfile, "hardwareProfile", 64);
    faults = Envelope.faults(faults);
    Envelope.configVersion(configVersion);
  }

  /** A birth that does not report a config version (as posts before the field did). */
  public Birth(PostId postId, Instant ts, String bootId, long seq, String agentVersion, String hardwareProfile,
               boolean hubReachable, List<String> faults) {
    this(postId, ts, bootId, seq, agentVersion, hardwareProfile, hubReachable, faults, null, null);
  }

  /** A birth that does not say whether an update is on trial (as posts before the field did). */
  public Birth(PostId postId, Instant ts, String bootId, long seq, String agentVersion, String hardwareProfile,
               boolean hubReachable, List<String> faults, Long configVersion) {
    this(postId, ts, bootId, seq, agentVersion, hardwareProfile, hubReachable, faults, configVersion, null);
  }

  /** A birth that says nothing about the post's faults (as posts before the field did). */
  public Birth(PostId postId, Instant ts, String bootId, long seq, String agentVersion, String hardwareProfile,
               boolean hubReachable) {
    this(postId, ts, bootId, seq, agentVersion, hardwareProfile, hubReachable, null, null, null);
  }

  @Override
  public Channel channel() {
    return Channel.STATUS;
  }
}
