package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The streaming telemetry reader against the full (tree, then bind) decoder, on encoded telemetry and on mutations of
 * it: it may only accept what the full decoder accepts, as the same record, and {@link ProtocolCodec#decode} must
 * answer exactly as the full decoder does, the same record or the same reason, message and message id.
 */
class TelemetryFastPathProperties {
  private final ProtocolCodec codec = ProtocolCodec.defaults();
  private final TelemetryFastPath fast = new TelemetryFastPath(ProtocolCodec.newMapper().getFactory());
  /**
   * The reader does not judge timestamps against the clock (ProtocolCodec.decode does, before it uses what the reader
   * read), so what it reads is compared with a full decoder whose clock is past every timestamp generated here.
   */
  private final ProtocolCodec clockless = new ProtocolCodec(Topics.defaults(),
      Clock.fixed(Instant.parse("3000-01-01T00:00:00Z"), ZoneOffset.UTC));

  /** JSON values put where the fields were, or next to them: each a type or form some decoder could get wrong. */
  private static final List<String> VALUES = List.of("null", "true", "false", "\"\"", "\"x\"", "0", "1", "-1", "1.0",
      "-0.0", "1e400", "2.5e1", "7", "12345678901234567890", "2147483648", "9223372036854775808", "[]", "{}", "[\"a\"]",
      "[1]", "[null]", "{\"a\":1}", "{\"a\":null}", "\"TELEMETRY\"", "\"EVENT\"", "\"telemetry\"", "\"alatau-001\"",
      "\"alatau-002\"", "\"boot-1\"", "\"bad boot\"", "\"2026-11-24T18:00:00Z\"", "\"2026-11-24T18:00:00.5Z\"",
      "\"2026-11-24T18:00:00+00:00\"", "\"2026-11-24T23:00:00+05:00\"", "\" 2026-11-24T18:00:00Z\"",
      "\"2026-11-24T18:00:00Z \"", "\"1700000000.5\"", "\"1.2.3Z\"", "\"2026-11-24t18:00:00z\"", "1700000000",
      "\"2999-01-01T00:00:00Z\"", "{\"TELEMETRY\":-1}", "{\"MOTION\":2,\"MOTION\":3}", "\"\\u00e9\"", "[[[[[]]]]]");
  private static final List<String> FIELDS = List.of("type", "schema", "postId", "ts", "bootId", "seq", "readings",
      "faults", "configVersion", "eventId", "commandId", "temperatureC", "humidityPct", "batteryV", "mainsPresent",
      "doorOpen", "outboxDepth", "outboxPurged", "extra");

  @Property(tries = 3_000)
  void acceptsOnlyWhatTheFullDecoderAcceptsAndAnswersAsItDoes(@ForAll("payloads") Tuple.Tuple2<String, byte[]> c) {
    String topic = c.get1();
    byte[] payload = c.get2();
    Telemetry read = fast.read(payload);
    if (read != null) {
      assertThat(outcome(() -> clockless.decodeTree(codec.topicFor(read), payload))).isEqualTo(read);
    }
    assertThat(outcome(() -> codec.decode(topic, payload))).isEqualTo(outcome(() -> codec.decodeTree(topic, payload)));
  }

  @Property(tries = 500)
  void readsEveryEncodedTelemetryItself(@ForAll("telemetry") Telemetry t) {
    assertThat(fast.read(codec.encode(t))).isEqualTo(t);
  }

  @Example
  void leavesOtherTypesAndUnusualFormsToTheFullDecoder() throws Exception {
    String ok = "{\"type\":\"TELEMETRY\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2026-11-24T18:00:00Z\","
        + "\"bootId\":\"b\",\"seq\":1,\"readings\":{\"temperatureC\":1.5}}";
    assertThat(fast.read(bytes(ok))).isNotNull();
    assertThat(fast.read(bytes(ok.replace("1.5", "2")))).isNull(); // an integer for a number: the bind decides
    assertThat(fast.read(bytes(ok.replace("\"seq\":1", "\"seq\":1,\"seq\":2")))).isNull();
    assertThat(fast.read(bytes(ok + " {}"))).isNull();
    assertThat(fast.read(bytes(ok.replace("TELEMETRY", "EVENT")))).isNull();
    // the full decoder still rejects for the same reason as before, through decode
    DecodeException e = org.assertj.core.api.Assertions.catchThrowableOfType(DecodeException.class, () ->
        codec.decode("posts/alatau-002/telemetry", bytes(ok)));
    assertThat(e.reason()).isEqualTo(DecodeException.Reason.POST_ID_MISMATCH);
    e = org.assertj.core.api.Assertions.catchThrowableOfType(DecodeException.class, () ->
        codec.decode("posts/alatau-001/telemetry", bytes(ok.replace("\"bootId\":\"b\"", "\"bootId\":\"b c\""))));
    assertThat(e.reason()).isEqualTo(DecodeException.Reason.INVALID_VALUE);
    e = org.assertj.core.api.Assertions.catchThrowableOfType(DecodeException.class, () ->
        codec.decode("posts/alatau-001/telemetry", bytes(ok.replace("2026-11-24", "2999-11-24"))));
    assertThat(e.reason()).isEqualTo(DecodeException.Reason.FUTURE_TIMESTAMP);
  }

  @Provide
  Arbitrary<Telemetry> telemetry() {
    return new RoundTripProperties().telemetry();
  }

  @Provide
  Arbitrary<Tuple.Tuple2<String, byte[]>> payloads() {
    Arbitrary<String> json = telemetry().map(codec::encodeToString);
    Arbitrary<String> mutated = Combinators.combine(json, Arbitraries.integers().between(0, 7),
        Arbitraries.of(FIELDS), Arbitraries.of(VALUES), Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 255)).as(TelemetryFastPathProperties::mutate);
    Arbitrary<String> topics = Arbitraries.of("posts/alatau-001/telemetry", "posts/alatau-001/events", "posts/x/telemetry");
    // the post's own telemetry topic, as it is or nearly (what the in-place topic check must not take for it)
    Arbitrary<Integer> variants = Arbitraries.integers().between(0, 8);
    return Combinators.combine(mutated, topics, variants).as((m, other, variant) -> {
      String own = ownTopic(m);
      String topic = switch (variant) {
        case 0 -> other;
        case 1 -> own + "x";
        case 2 -> own + "/x";
        case 3 -> "x" + own;
        case 4 -> own.replace("/telemetry", "x/telemetry");
        case 5 -> own.replace("posts/", "posts//");
        case 6 -> own.replace("/telemetry", "/telemetrx");
        default -> own;
      };
      return Tuple.of(topic, bytes(m));
    });
  }

  /** One change to an encoded message, or none. */
  private static String mutate(String json, int kind, String field, String value, int at, int b) {
    int pos = at % json.length();
    String quoted = "\"" + field + "\":";
    int inReadings = json.indexOf("\"readings\":{");
    String into = inReadings >= 0 && at % 2 == 0 ? "\"readings\":{" : "{";
    int where = json.indexOf(into) + into.length();
    return switch (kind) {
      case 1 -> json.substring(0, pos) + (char) b + json.substring(pos + 1); // one character replaced
      case 2 -> json.substring(0, pos) + json.substring(pos + 1); // one character gone
      case 3 -> json.substring(0, where) + quoted + value + "," + json.substring(where); // added or duplicated
      case 4 -> replaceValue(json, quoted, value);
      case 5 -> json + List.of(" ", "x", "{}", "]", "\n", "0").get(at % 6);
      case 6 -> replaceValue(json, quoted, "\u0000").replace(quoted + "\u0000,", "").replace("," + quoted + "\u0000", "");
      default -> json;
    };
  }

  /** {@code json} with the first value of {@code quoted} (a scalar, array or object) replaced by {@code value}. */
  private static String replaceValue(String json, String quoted, String value) {
    int start = json.indexOf(quoted);
    if (start < 0) {
      return json;
    }
    int from = start + quoted.length();
    int depth = 0;
    boolean inString = false;
    int i = from;
    for (; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (ch == ',' && depth == 0) {
        break;
      }
    }
    return json.substring(0, from) + value + json.substring(i);
  }

  private static String ownTopic(String json) {
    int at = json.indexOf("\"postId\":\"");
    int end = at < 0 ? -1 : json.indexOf('"', at + 10);
    return end < 0 ? "posts/alatau-001/telemetry" : "posts/" + json.substring(at + 10, end) + "/telemetry";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** What a decoder answered: the record, or the exception's reason, message and message id. */
  private static Object outcome(Decoding d) {
    try {
      return d.decode();
    } catch (DecodeException e) {
      return Map.of("reason", e.reason(), "message", String.valueOf(e.getMessage()),
          "messageId", String.valueOf(e.messageId()));
    }
  }

  private interface Decoding {
    Message decode() throws DecodeException;
  }

  /** Found by CI: a reading from the year 2999 is read by the reader, and refused by the codec as from the future. */
  @Example
  void aTimestampFarAheadIsReadButRefusedByTheCodec() {
    String future = "{\"type\":\"TELEMETRY\",\"schema\":1,\"postId\":\"alatau-001\",\"ts\":\"2999-01-01T00:00:00Z\","
        + "\"bootId\":\"b\",\"seq\":1,\"readings\":{}}";
    Telemetry read = fast.read(bytes(future));
    assertThat(read).isNotNull();
    String topic = codec.topicFor(read);
    assertThat(outcome(() -> codec.decode(topic, bytes(future))))
        .isEqualTo(outcome(() -> codec.decodeTree(topic, bytes(future))))
        .asString().contains("FUTURE_TIMESTAMP");
  }
}
