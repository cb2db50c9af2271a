package kuzet.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a well-formed TELEMETRY message in one streaming pass (telemetry is nearly all the traffic; the tree and then
 * the bind cost about twice as much). It only ever says yes to a payload the full decoder would accept as the same
 * record: anything else (another type, a value of an unusual JSON type, a duplicate field, trailing content, a value
 * the record refuses) gives null, and the caller decodes it the full way, which gives the exact error and reason.
 */
final class TelemetryFastPath {
  private static final String TYPE = "TELEMETRY";
  private static final int TYPE_SEEN = 1;
  private static final int SCHEMA_SEEN = 1 << 1;

  private final JsonFactory factory;

  TelemetryFastPath(JsonFactory factory) {
    this.factory = factory;
  }

  /** The telemetry in {@code payload}, or null when only the full decoder may answer. */
  Telemetry read(byte[] payload) {
    try (JsonParser p = factory.createParser(payload)) {
      return p.nextToken() == JsonToken.START_OBJECT ? message(p) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Telemetry message(JsonParser p) throws IOException {
    Fields f = new Fields();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (!f.field(name, v, p)) {
        return null;
      }
    }
    // the full decoder ignores what follows the object; rather than reason about it, leave such payloads to it
    if (t != JsonToken.END_OBJECT || p.nextToken() != null || f.seen != (TYPE_SEEN | SCHEMA_SEEN)) {
      return null;
    }
    return new Telemetry(f.postId, f.ts, f.bootId, f.seq, f.readings, f.faults, f.configVersion);
  }

  /** The envelope as read so far. Each known field may appear once: with duplicates the last one would count. */
  private static final class Fields {
    int seen;
    int known;
    PostId postId;
    Instant ts;
    String bootId;
    Long seq;
    Readings readings;
    List<String> faults;
    Long configVersion;

    boolean field(String name, JsonToken v, JsonParser p) throws IOException {
      switch (name) {
        case "type":
          return once(1) && v == JsonToken.VALUE_STRING && TYPE.equals(p.getText()) && flag(TYPE_SEEN);
        case "schema":
          return once(2) && v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
              && p.getIntValue() == Message.SCHEMA && flag(SCHEMA_SEEN);
        case "postId":
          return once(3) && v == JsonToken.VALUE_STRING && (postId = PostId.of(p.getText())) != null;
        case "ts":
          return once(4) && v == JsonToken.VALUE_STRING && (ts = instant(p.getText())) != null;
        case "bootId":
          return once(5) && v == JsonToken.VALUE_STRING && (bootId = p.getText()) != null;
        case "seq":
          return once(6) && (seq = whole(v, p)) != null;
        case "readings":
          return once(7) && v == JsonToken.START_OBJECT && (readings = readings(p)) != null;
        case "faults":
          return once(8) && (v == JsonToken.VALUE_NULL || v == JsonToken.START_ARRAY && (faults = strings(p)) != null);
        case "configVersion":
          return once(9) && (v == JsonToken.VALUE_NULL || (configVersion = whole(v, p)) != null);
        default:
          return skip(v, p);
      }
    }

    private boolean once(int bit) {
      boolean first = (known & (1 << bit)) == 0;
      known |= 1 << bit;
      return first;
    }

    private boolean flag(int bit) {
      seen |= bit;
      return true;
    }
  }

  private static Readings readings(JsonParser p) throws IOException {
    Object[] v = new Object[12];
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      int i = READING_NAMES.getOrDefault(p.currentName(), -1);
      JsonToken token = p.nextToken();
      if (i < 0) {
        if (!skip(token, p)) {
          return null;
        }
        continue;
      }
      if (v[i] != null || token == JsonToken.VALUE_NULL && i != 11) {
        return null; // a duplicate, or a null the full decoder would have to judge
      }
      v[i] = i < 3 ? decimal(token, p) : i < 10 ? bool(token) : i == 10 ? small(token, p) : counts(token, p);
      if (v[i] == null) {
        return null;
      }
    }
    if (t != JsonToken.END_OBJECT) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Long> purged = v[11] == NO_COUNTS ? null : (Map<String, Long>) v[11];
    return new Readings((Double) v[0], (Double) v[1], (Double) v[2], (Boolean) v[3], (Boolean) v[4],
        (Boolean) v[5], (Boolean) v[6], (Boolean) v[7], (Boolean) v[8], (Boolean) v[9], (Integer) v[10], purged);
  }

  private static final Map<String, Integer> READING_NAMES = Map.ofEntries(Map.entry("temperatureC", 0),
      Map.entry("humidityPct", 1), Map.entry("batteryV", 2), Map.entry("mainsPresent", 3), Map.entry("doorOpen", 4),
      Map.entry("tamper", 5), Map.entry("motion", 6), Map.entry("floodlightsOn", 7),
      Map.entry("interiorLightOn", 8), Map.entry("beaconOn", 9), Map.entry("outboxDepth", 10),
      Map.entry("outboxPurged", 11));
  /** outboxPurged given as null: not reported. */
  private static final Object NO_COUNTS = new Object();

  private static Double decimal(JsonToken t, JsonParser p) throws IOException {
    // an integer where a number is expected goes the full way: the bind's coercion rules decide it
    return t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : null;
  }

  private static Boolean bool(JsonToken t) {
    return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  private static Integer small(JsonToken t, JsonParser p) throws IOException {
    return t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null;
  }

  private static Long whole(JsonToken t, JsonParser p) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      return null;
    }
    JsonParser.NumberType n = p.getNumberType();
    return n == JsonParser.NumberType.INT || n == JsonParser.NumberType.LONG ? p.getLongValue() : null;
  }

  private static Object counts(JsonToken t, JsonParser p) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return NO_COUNTS;
    }
    if (t != JsonToken.START_OBJECT) {
      return null;
    }
    Map<String, Long> out = new HashMap<>();
    JsonToken k;
    while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      Long n = whole(p.nextToken(), p);
      if (n == null || out.put(name, n) != null) {
        return null;
      }
    }
    return k == JsonToken.END_OBJECT ? out : null;
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      out.add(p.getText());
    }
    return t == JsonToken.END_ARRAY ? out : null;
  }

  /**
   * Only the plain form {@code 2026-11-24T18:00:00.123Z}. Jackson's Instant reader trims, reads "seconds.nanos"
   * decimals (two dots or more) and rewrites +00:00 offsets before the same ISO_INSTANT parse; none of that applies
   * to this form, so both give the same instant. Anything else goes the full way.
   */
  static Instant instant(String text) {
    int n = text.length();
    if (n < 20 || n > 40 || text.charAt(n - 1) != 'Z' || text.charAt(0) <= ' ' || text.indexOf('.') != text.lastIndexOf('.')) {
      return null;
    }
    Instant plain = IsoInstants.plain(text);
    return plain != null ? plain : Instant.parse(text);
  }

  /**
   * An unknown field's value, read as fully as the tree would read it (every string decoded, every number
   * converted), so that a payload the tree would refuse in there is refused here too.
   */
  private static boolean skip(JsonToken first, JsonParser p) throws IOException {
    int depth = 0;
    JsonToken t = first;
    while (true) {
      if (t == null) {
        return false;
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_STRING -> p.getText();
        case VALUE_NUMBER_INT -> p.getNumberValue();
        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
        default -> { }
      }
      if (depth == 0) {
        return true;
      }
      t = p.nextToken();
    }
  }
}
