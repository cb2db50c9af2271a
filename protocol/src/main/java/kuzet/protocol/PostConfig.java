package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Hub to post on {@code config} (retained, and published again when a post's BIRTH reports another version): every
 * setting the hub manages for this post, by its {@link PostSetting} key, as strings. A key left out keeps the post's
 * own file value. {@code configVersion} only grows per post; {@code commandId} is what the post's COMMAND_ACK answers.
 * Only the form is checked here: whether a key and its value suit the post is the post's to say, in its ack.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostConfig(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) UUID commandId,
    @JsonProperty(required = true) long configVersion,
    @JsonProperty(required = true) Map<String, String> settings) implements PostMessage {

  public PostConfig {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(commandId, "commandId");
    if (configVersion < 1) {
      throw new IllegalArgumentException("configVersion " + configVersion + " is out of range: must be 1 or more");
    }
    settings = Envelope.attributes(Envelope.required(settings, "settings"), "settings");
  }

  @Override
  public Channel channel() {
    return Channel.CONFIG;
  }

  @Override
  public String dedupId() {
    return commandId.toString();
  }
}
