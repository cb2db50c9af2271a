package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import kuzet.protocol.testing.RejectionTally;
import org.junit.jupiter.api.AfterAll;

/**
 * Any topic and payload either decodes to a message that survives its own round trip, or is rejected with a
 * {@link DecodeException} that names a reason and says what was wrong; nothing else may escape the codec.
 *
 * <p>In {@code ./run test} Jazzer replays the committed inputs under {@code ProtocolCodecFuzzTestInputs/}.
 * The long run (see docs/security.md) fuzzes with {@code JAZZER_FUZZ=1}.
 *
 * <p>Input layout: the first byte picks the topic ({@link #TOPICS}, or for the last choice the bytes up to the
 * first newline are the topic); the rest is the payload.
 */
class ProtocolCodecFuzzTest {
  private static final RejectionTally TALLY = new RejectionTally("protocol-decode");
  private static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
  private static final ProtocolCodec CODEC = new ProtocolCodec(Topics.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
  private static final PostId POST = new PostId("alatau-001");
  private static final String[] TOPICS = topics();

  private static String[] topics() {
    Topics t = Topics.defaults();
    String[] out = new String[Channel.values().length + 3];
    for (Channel c : Channel.values()) {
      out[c.ordinal()] = t.topic(POST, c);
    }
    out[out.length - 3] = t.hubPresence();
    out[out.length - 2] = t.topic(new PostId("alatau-002"), Channel.EVENTS);
    out[out.length - 1] = null;
    return out;
  }

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
  @DictionaryEntries({"\"schema\":1", "\"type\":", "\"BIRTH\"", "\"DEATH\"", "\"TELEMETRY\"", "\"EVENT\"",
      "\"COMMAND\"", "\"COMMAND_ACK\"", "\"CONFIG\"", "\"HUB_STATUS\"", "\"postId\":\"alatau-001\"",
      "\"ts\":\"2026-11-24T18:00:00Z\"", "\"eventId\":", "\"commandId\":", "\"readings\":", "\"args\":{",
      "\"kind\":\"PANIC\"", "\"name\":\"LIGHTS\"", "\"incidentId\":", "\"6d1f3c0e-2b7a-4f55-9a57-1c2d3e4f5a6b\"",
      "\"seq\":", "\"bootId\":", "1e400", "-0", "null", "true", "[", "{", "}", "]"})
  void anyTopicAndPayloadDecodesOrIsRejectedWithAReason(byte[] input) {
    if (input.length == 0) {
      return;
    }
    String topic = TOPICS[Byte.toUnsignedInt(input[0]) % TOPICS.length];
    byte[] payload = Arrays.copyOfRange(input, 1, input.length);
    if (topic == null) {
      int nl = indexOf(payload, (byte) '\n');
      topic = new String(payload, 0, nl, StandardCharsets.UTF_8);
      payload = Arrays.copyOfRange(payload, Math.min(nl + 1, payload.length), payload.length);
    }
    try {
      Message m = CODEC.decode(topic, payload);
      // a valid record is one the codec can send again and read back as the same message
      String again = m instanceof PostMessage pm ? CODEC.topicFor(pm) : CODEC.topics().hubPresence();
      assertThat(CODEC.decode(again, CODEC.encode(m))).isEqualTo(m);
      TALLY.accepted(ProtocolCodec.typeOf(m));
    } catch (DecodeException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
      TALLY.rejected(e.reason().name());
    }
  }

  @AfterAll
  static void report() {
    TALLY.report();
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return bytes.length;
  }
}
