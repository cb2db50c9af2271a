package kuzet.hub.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/**
 * Telemetry payloads for load generation: the codec encodes one message per post once, and each
 * payload is that exact JSON with the seq and ts put in, so a generator publishing tens of thousands a
 * second spends its CPU on MQTT rather than on Jackson, and every payload is still what the codec writes.
 */
public final class TelemetryTemplate {
  private static final long SEQ_MARK = 987_654_321_987L;
  private static final Instant TS_MARK = Instant.parse("2001-02-03T04:05:06.123456Z");

  private final byte[] head;
  private final byte[] middle;
  private final byte[] tail;
  private final boolean tsFirst;

  public TelemetryTemplate(ProtocolCodec codec, PostId post, String bootId) {
    Readings r = new Readings(21.5, 40.0, 12.6, true, false, false, false, true, false, false, 0);
    String json = codec.encodeToString(new Telemetry(post, TS_MARK, bootId, SEQ_MARK, r));
    String ts = '"' + TS_MARK.toString() + '"';
    String seq = Long.toString(SEQ_MARK);
    int t = json.indexOf(ts);
    int s = json.indexOf(seq);
    if (t < 0 || s < 0 || json.indexOf(ts, t + 1) >= 0 || json.indexOf(seq, s + 1) >= 0) {
      throw new IllegalStateException("cannot find ts and seq once each in " + json);
    }
    tsFirst = t < s;
    int firstAt = Math.min(t, s);
    int firstLen = tsFirst ? ts.length() : seq.length();
    int secondAt = Math.max(t, s);
    int secondLen = tsFirst ? seq.length() : ts.length();
    head = json.substring(0, firstAt).getBytes(StandardCharsets.UTF_8);
    middle = json.substring(firstAt + firstLen, secondAt).getBytes(StandardCharsets.UTF_8);
    tail = json.substring(secondAt + secondLen).getBytes(StandardCharsets.UTF_8);
  }

  /** The payload of telemetry number {@code seq} taken at {@code ts}. */
  public byte[] payload(long seq, Instant ts) {
    byte[] tsText = ('"' + ts.toString() + '"').getBytes(StandardCharsets.US_ASCII);
    byte[] seqText = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
    byte[] first = tsFirst ? tsText : seqText;
    byte[] second = tsFirst ? seqText : tsText;
    byte[] out = Arrays.copyOf(head, head.length + first.length + middle.length + second.length + tail.length);
    int at = head.length;
    System.arraycopy(first, 0, out, at, first.length);
    at += first.length;
    System.arraycopy(middle, 0, out, at, middle.length);
    at += middle.length;
    System.arraycopy(second, 0, out, at, second.length);
    at += second.length;
    System.arraycopy(tail, 0, out, at, tail.length);
    return out;
  }
}
