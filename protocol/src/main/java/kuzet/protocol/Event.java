package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened, on {@code events}, QoS 1. The eventId is unique per event and lets the hub
 * drop redeliveries. PANIC and PANIC_REPEAT carry the incidentId the resident's call belongs to.
 * Attributes required per kind: LAMP_FAULT {@code lamp}, SENSOR_FAULT {@code sensor},
 * SELF_TEST_RESULT {@code passed} ("true" or "false"), HARDWARE_FAULT {@code part}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
    @JsonProperty(required = true) PostId postId,
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) EventKind kind,
    UUID incidentId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> attributes) implements PostMessage {

  public Event {
    Envelope.check(postId, ts, bootId, seq);
    Envelope.required(eventId, "eventId");
    Envelope.required(kind, "kind");
    if (kind.belongsToIncident()) {
      Envelope.required(incidentId, "incidentId");
    } else if (incidentId != null) {
      throw new IllegalArgumentException("incidentId is only allowed on PANIC and PANIC_REPEAT, not on " + kind);
    }
    attributes = Envelope.attributes(attributes, "attributes");
    switch (kind) {
      case LAMP_FAULT -> Envelope.required(attributes.get("lamp"), "attributes.lamp");
      case SENSOR_FAULT -> Envelope.required(attributes.get("sensor"), "attributes.sensor");
      case HARDWARE_FAULT -> Envelope.required(attributes.get("part"), "attributes.part");
      case SELF_TEST_RESULT -> {
        String passed = Envelope.required(attributes.get("passed"), "attributes.passed");
        if (!passed.equals("true") && !passed.equals("false")) {
          throw new IllegalArgumentException("attributes.passed must be \"true\" or \"false\", not \"" + passed + "\"");
        }
      }
      default -> { }
    }
  }

  public static Event of(PostId postId, Instant ts, String bootId, long seq, EventKind kind, Map<String, String> attributes) {
    return new Event(postId, ts, bootId, seq, UUID.randomUUID(), kind, null, attributes);
  }

  @Override
  public Channel channel() {
    return Channel.EVENTS;
  }

  @Override
  public String dedupId() {
    return eventId.toString();
  }
}
