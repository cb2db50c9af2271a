package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed payload is refused with its own reason and a message that says what is wrong. */
class BadInputTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T18:05:00Z"), ZoneOffset.UTC);
  private static final String EVENTS = "posts/alatau-001/events";
  private static final String TELEMETRY = "posts/alatau-001/telemetry";
  private static final String COMMANDS = "posts/alatau-001/commands";
  private static final String HEAD = "\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"b1\",\"seq\":7";
  private static final String EID = "\"eventId\":\"6d1f3c0e-2b7a-4f55-9a57-1c2d3e4f5a6b\"";
  private static final String INC = "\"incidentId\":\"0b9e8d7c-6f5a-4b3c-8d2e-1f0a9b8c7d6e\"";
  private static final String CID = "\"commandId\":\"a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4\"";

  private final ProtocolCodec codec = new ProtocolCodec(Topics.defaults(), CLOCK);

  static Stream<Arguments> cases() {
    return Stream.of(
        bad(EVENTS, "", DecodeException.Reason.NOT_JSON, "payload is empty"),
        bad(EVENTS, "PANIC!", DecodeException.Reason.NOT_JSON, "payload is not valid JSON"),
        bad(EVENTS, "{\"type\":\"EVENT\",", DecodeException.Reason.NOT_JSON, "payload is not valid JSON"),
        bad(EVENTS, "[1,2,3]", DecodeException.Reason.NOT_AN_OBJECT, "payload must be a JSON object, not array"),
        bad(EVENTS, "\"PANIC\"", DecodeException.Reason.NOT_AN_OBJECT, "payload must be a JSON object, not string"),
        bad(EVENTS, "{\"x\":\"" + "a".repeat(70_000) + "\"}", DecodeException.Reason.TOO_LARGE, "over the limit of 65536"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"postId\":\"alatau-001\"}", DecodeException.Reason.MISSING_FIELD, "missing field 'schema'"),
        bad(EVENTS, "{\"schema\":\"one\",\"type\":\"EVENT\"}", DecodeException.Reason.WRONG_TYPE, "field 'schema' must be an integer"),
        bad(EVENTS, "{\"schema\":2,\"type\":\"EVENT\"}", DecodeException.Reason.UNSUPPORTED_SCHEMA, "schema version 2 is not supported"),
        bad(EVENTS, "{" + HEAD + "}", DecodeException.Reason.MISSING_FIELD, "missing field 'type'"),
        bad(EVENTS, "{\"type\":42," + HEAD + "}", DecodeException.Reason.WRONG_TYPE, "field 'type' must be a string"),
        bad(EVENTS, "{\"type\":\"ALARM\"," + HEAD + "}", DecodeException.Reason.UNKNOWN_TYPE, "unknown message type 'ALARM'"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + "," + EID + "}", DecodeException.Reason.MISSING_FIELD, "missing field 'kind'"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + ",\"kind\":\"PANIC\"," + INC + "}", DecodeException.Reason.MISSING_FIELD, "missing field 'eventId'"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + "," + EID + ",\"kind\":\"PANIC\"}", DecodeException.Reason.MISSING_FIELD, "missing field 'incidentId'"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + "," + EID + ",\"kind\":\"EXPLOSION\"}", DecodeException.Reason.WRONG_TYPE, "field 'kind': 'EXPLOSION' is not one of [PANIC"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + ",\"eventId\":\"not-a-uuid\",\"kind\":\"MOTION\"}", DecodeException.Reason.WRONG_TYPE, "field 'eventId': 'not-a-uuid' is not a UUID"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"yesterday\",\"bootId\":\"b1\",\"seq\":7," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.WRONG_TYPE, "field 'ts': 'yesterday' is not an ISO-8601 UTC timestamp"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"b1\",\"seq\":\"seven\"," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.WRONG_TYPE, "field 'seq' must be an integer"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"b1\",\"seq\":-1," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.INVALID_VALUE, "seq -1 is out of range"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"Alatau_001\",\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"b1\",\"seq\":1," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.INVALID_VALUE, "postId 'Alatau_001' is not valid"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"b 1\",\"seq\":1," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.INVALID_VALUE, "bootId 'b 1' is not valid"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"alatau-002\",\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"b1\",\"seq\":1," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.POST_ID_MISMATCH, "postId 'alatau-002' in the payload does not match 'alatau-001' in the topic"),
        bad(TELEMETRY, "{\"type\":\"EVENT\"," + HEAD + "," + EID + ",\"kind\":\"MOTION\"}", DecodeException.Reason.WRONG_TOPIC, "EVENT belongs on 'events', not on 'telemetry'"),
        bad("elsewhere/alatau-001/events", "{\"type\":\"EVENT\"," + HEAD + "," + EID + ",\"kind\":\"MOTION\"}", DecodeException.Reason.WRONG_TOPIC, "is not a post topic under 'posts/'"),
        bad(EVENTS, "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2027-01-01T00:00:00Z\",\"bootId\":\"b1\",\"seq\":1," + EID + ",\"kind\":\"MOTION\"}",
            DecodeException.Reason.FUTURE_TIMESTAMP, "field 'ts' 2027-01-01T00:00:00Z is more than PT24H ahead"),
        bad(TELEMETRY, "{\"type\":\"TELEMETRY\"," + HEAD + "}", DecodeException.Reason.MISSING_FIELD, "missing field 'readings'"),
        bad(TELEMETRY, "{\"type\":\"TELEMETRY\"," + HEAD + ",\"readings\":{\"temperatureC\":\"cold\"}}", DecodeException.Reason.WRONG_TYPE, "field 'readings.temperatureC' must be a number"),
        bad(TELEMETRY, "{\"type\":\"TELEMETRY\"," + HEAD + ",\"readings\":{\"humidityPct\":140}}", DecodeException.Reason.INVALID_VALUE, "readings.humidityPct 140.0 is out of range [0.0, 100.0]"),
        bad(TELEMETRY, "{\"type\":\"TELEMETRY\"," + HEAD + ",\"readings\":[]}", DecodeException.Reason.WRONG_TYPE, "field 'readings' must be an object"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + "," + EID + ",\"kind\":\"LAMP_FAULT\"}", DecodeException.Reason.MISSING_FIELD, "missing field 'attributes.lamp'"),
        bad(EVENTS, "{\"type\":\"EVENT\"," + HEAD + "," + EID + ",\"kind\":\"MOTION\"," + INC + "}", DecodeException.Reason.INVALID_VALUE, "incidentId is only allowed on PANIC and PANIC_REPEAT"),
        bad(COMMANDS, "{\"type\":\"COMMAND\"," + HEAD + "," + CID + ",\"name\":\"LIGHTS\",\"args\":{\"target\":\"moon\",\"mode\":\"on\"}}",
            DecodeException.Reason.INVALID_VALUE, "args.target 'moon' is not one of [floodlights, interior]"),
        bad(COMMANDS, "{\"type\":\"COMMAND\"," + HEAD + "," + CID + ",\"name\":\"LIGHTS\",\"args\":{\"target\":\"floodlights\",\"mode\":\"on\",\"durationS\":\"forever\"}}",
            DecodeException.Reason.INVALID_VALUE, "args.durationS 'forever' is not a whole number of seconds"),
        bad(COMMANDS, "{\"type\":\"COMMAND\"," + HEAD + "," + CID + ",\"name\":\"SELF_DESTRUCT\"}",
            DecodeException.Reason.WRONG_TYPE, "field 'name': 'SELF_DESTRUCT' is not one of [LIGHTS"),
        bad(COMMANDS, "{\"type\":\"COMMAND\"," + HEAD + "," + CID + ",\"name\":\"PANIC_ACK\"}", DecodeException.Reason.MISSING_FIELD, "missing field 'incidentId'"),
        bad("posts/alatau-001/commands/ack", "{\"type\":\"COMMAND_ACK\"," + HEAD + "," + CID + ",\"ok\":false}", DecodeException.Reason.MISSING_FIELD, "missing field 'error'"),
        bad("posts/_hub/status", "{\"type\":\"HUB_STATUS\",\"schema\":1,\"ts\":\"2026-11-24T18:00:00Z\",\"bootId\":\"h1\",\"seq\":0,\"hubId\":\"hub-1\",\"state\":\"SLEEPING\"}",
            DecodeException.Reason.WRONG_TYPE, "field 'state': 'SLEEPING' is not one of [ONLINE, OFFLINE]"));
  }

  private static Arguments bad(String topic, String payload, DecodeException.Reason reason, String message) {
    return Arguments.of(reason + ": " + message, topic, payload, reason, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void malformedPayloadIsRefusedWithItsSpecificMessage(String name, String topic, String payload,
      DecodeException.Reason reason, String message) {
    DecodeException e = catchThrowableOfType(DecodeException.class,
        () -> codec.decode(topic, payload.getBytes(StandardCharsets.UTF_8)));
    assertThat(e).as("decoding should fail").isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedCommandStillNamesItsIdWhenReadable(String name, String topic, String payload,
      DecodeException.Reason reason, String message) {
    DecodeException e = catchThrowableOfType(DecodeException.class,
        () -> codec.decode(topic, payload.getBytes(StandardCharsets.UTF_8)));
    if (payload.contains(CID)) {
      assertThat(e.messageId()).isEqualTo("a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4");
    } else if (!payload.contains("eventId")) {
      assertThat(e.messageId()).isNull();
    }
  }
}
