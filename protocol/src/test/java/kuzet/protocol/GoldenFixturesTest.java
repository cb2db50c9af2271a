package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type against a hand-written JSON file: decoding gives the record, encoding gives the file. */
class GoldenFixturesTest {
  private static final PostId POST = new PostId("alatau-001");
  private static final UUID INCIDENT = UUID.fromString("0b9e8d7c-6f5a-4b3c-8d2e-1f0a9b8c7d6e");
  private final ProtocolCodec codec = ProtocolCodec.defaults();
  private final Topics topics = Topics.defaults();

  static Stream<Arguments> fixtures() {
    Topics t = Topics.defaults();
    return Stream.of(
        Arguments.of("birth.json", t.topic(POST, Channel.STATUS),
            birth().build()),
        Arguments.of("death.json", t.topic(POST, Channel.STATUS),
            new Death(POST, Instant.parse("2026-11-24T18:00:00Z"), "7f3c2a", 0, Death.Reason.WILL)),
        Arguments.of("telemetry.json", t.topic(POST, Channel.TELEMETRY),
            new Telemetry(POST, Instant.parse("2026-11-24T18:00:30Z"), "7f3c2a", 1,
                new Readings(-3.5, 71.0, 12.6, true, false, false, false, true, false, false, 0))),
        Arguments.of("event-panic.json", t.topic(POST, Channel.EVENTS),
            new Event(POST, Instant.parse("2026-11-24T18:01:00Z"), "7f3c2a", 2,
                UUID.fromString("6d1f3c0e-2b7a-4f55-9a57-1c2d3e4f5a6b"), EventKind.PANIC, INCIDENT, Map.of())),
        Arguments.of("event-self-test.json", t.topic(POST, Channel.EVENTS),
            new Event(POST, Instant.parse("2026-11-24T03:00:00Z"), "7f3c2a", 3,
                UUID.fromString("11111111-2222-4333-8444-555555555555"), EventKind.SELF_TEST_RESULT, null,
                Map.of("passed", "false", "floodlights", "no feedback"))),
        Arguments.of("command-lights.json", t.topic(POST, Channel.COMMANDS),
            new Command(POST, Instant.parse("2026-11-24T18:02:00Z"), "hub-4c1d", 17,
                UUID.fromString("a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4"), CommandName.LIGHTS, null,
                Map.of("target", "floodlights", "mode", "on", "durationS", "600"))),
        Arguments.of("command-panic-ack.json", t.topic(POST, Channel.COMMANDS),
            new Command(POST, Instant.parse("2026-11-24T18:01:20Z"), "hub-4c1d", 18,
                UUID.fromString("b0b0b0b0-c1c1-4d2d-8e3e-f4f4f4f4f4f4"), CommandName.PANIC_ACK, INCIDENT, Map.of())),
        Arguments.of("command-ack-ok.json", t.topic(POST, Channel.COMMAND_ACKS),
            new CommandAck(POST, Instant.parse("2026-11-24T18:02:01Z"), "7f3c2a", 4,
                UUID.fromString("a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4"), true, null, Map.of())),
        Arguments.of("command-ack-error.json", t.topic(POST, Channel.COMMAND_ACKS),
            new CommandAck(POST, Instant.parse("2026-11-24T18:02:01Z"), "7f3c2a", 5,
                UUID.fromString("c0c0c0c0-d1d1-4e2e-8f3f-a4a4a4a4a4a4"), false, "unknown command 'LASER'", Map.of())),
        Arguments.of("config.json", t.topic(POST, Channel.CONFIG),
            new PostConfig(POST, Instant.parse("2026-11-24T12:00:00Z"), "hub-4c1d", 1,
                UUID.fromString("d0d0d0d0-e1e1-4f2f-8a3a-b4b4b4b4b4b4"), 3, Map.of("telemetry.intervalS", "30",
                "motion.cooldownS", "60", "selftest.hour", "3", "location.latitude", "43.2389",
                "location.longitude", "76.8512"))),
        Arguments.of("birth-config.json", t.topic(POST, Channel.STATUS),
            birth().faults(java.util.List.of()).configVersion(3L).build()),
        Arguments.of("hub-status.json", t.hubPresence(),
            new HubStatus(Instant.parse("2026-11-24T06:00:00Z"), "hub-4c1d", 0, "alatau-hub-1", HubStatus.State.ONLINE)));
  }

  private static Birth.Builder birth() {
    return Birth.builder().postId(POST).ts(Instant.parse("2026-11-24T18:00:00Z")).bootId("7f3c2a").seq(0)
        .agentVersion("0.1.0").hardwareProfile("modular-post").hubReachable(true);
  }

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = GoldenFixturesTest.class.getResourceAsStream("/fixtures/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0} decodes to its record")
  @MethodSource("fixtures")
  void fixtureDecodesToTheExpectedRecord(String file, String topic, Message expected) throws Exception {
    assertThat(codec.decode(topic, fixture(file))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is what the record encodes to")
  @MethodSource("fixtures")
  void recordEncodesToTheFixture(String file, String topic, Message expected) throws Exception {
    ObjectMapper plain = new ObjectMapper();
    JsonNode want = plain.readTree(fixture(file));
    JsonNode got = plain.readTree(codec.encode(expected));
    assertThat(got).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0} belongs on its channel's topic")
  @MethodSource("fixtures")
  void topicForMatchesTheFixtureTopic(String file, String topic, Message expected) {
    if (expected instanceof PostMessage pm) {
      assertThat(codec.topicFor(pm)).isEqualTo(topic);
      assertThat(topics.parse(topic)).get().extracting(Topics.Address::channel).isEqualTo(pm.channel());
    } else {
      assertThat(topics.isHubPresence(topic)).isTrue();
    }
  }
}
