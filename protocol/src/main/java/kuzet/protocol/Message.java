package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Every message on the wire. The {@code type} property selects the record; every message carries the
 * schema version, a UTC timestamp, the sender's boot id and a per-boot sequence number.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Birth.class, name = "BIRTH"),
    @JsonSubTypes.Type(value = Death.class, name = "DEATH"),
    @JsonSubTypes.Type(value = Telemetry.class, name = "TELEMETRY"),
    @JsonSubTypes.Type(value = Event.class, name = "EVENT"),
    @JsonSubTypes.Type(value = Command.class, name = "COMMAND"),
    @JsonSubTypes.Type(value = CommandAck.class, name = "COMMAND_ACK"),
    @JsonSubTypes.Type(value = PostConfig.class, name = "CONFIG"),
    @JsonSubTypes.Type(value = HubStatus.class, name = "HUB_STATUS")
})
@JsonPropertyOrder({"type", "schema", "postId", "ts", "bootId", "seq"})
public sealed interface Message permits PostMessage, HubStatus {
  /** The schema version this code writes and the only one it reads. */
  int SCHEMA = 1;

  @JsonProperty("schema")
  default int schema() {
    return SCHEMA;
  }

  Instant ts();

  String bootId();

  long seq();

  /** The id receivers use to drop duplicates (eventId, commandId), or null for messages without one. */
  @JsonIgnore
  default String dedupId() {
    return null;
  }
}
