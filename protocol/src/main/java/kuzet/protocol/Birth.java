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

  /**
   * Starts a Birth named field by field (as Pi4J's configs are); {@link Builder#build()} runs the same checks as the
   * constructor. Optional fields left unset stay absent on the wire, as from posts older than them.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Fills a {@link Birth}; not thread-safe, use one per Birth. */
  public static final class Builder {
    private PostId postId;
    private Instant ts;
    private String bootId;
    private long seq;
    private String agentVersion;
    private String hardwareProfile;
    private boolean hubReachable;
    private List<String> faults;
    private Long configVersion;
    private Boolean updateTrial;

    private Builder() {
    }

    public Builder postId(PostId value) {
      postId = value;
      return this;
    }

    public Builder ts(Instant value) {
      ts = value;
      return this;
    }

    public Builder bootId(String value) {
      bootId = value;
      return this;
    }

    public Builder seq(long value) {
      seq = value;
      return this;
    }

    public Builder agentVersion(String value) {
      agentVersion = value;
      return this;
    }

    public Builder hardwareProfile(String value) {
      hardwareProfile = value;
      return this;
    }

    public Builder hubReachable(boolean value) {
      hubReachable = value;
      return this;
    }

    /** The names of the post's faulty parts (empty: none; null: the post does not say). */
    public Builder faults(List<String> value) {
      faults = value;
      return this;
    }

    /** The hub's CONFIG version the post runs (0: none yet; null: the post does not say). */
    public Builder configVersion(Long value) {
      configVersion = value;
      return this;
    }

    /** True while a new release is on trial; null (absent) otherwise. */
    public Builder updateTrial(Boolean value) {
      updateTrial = value;
      return this;
    }

    public Birth build() {
      return new Birth(postId, ts, bootId, seq, agentVersion, hardwareProfile, hubReachable, faults, configVersion,
          updateTrial);
    }
  }

  @Override
  public Channel channel() {
    return Channel.STATUS;
  }
}
