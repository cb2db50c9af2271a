package kuzet.hub.testing;

import java.time.Instant;
import java.util.Map;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/** Builds the messages a post sends, stamped with a test's clock, for a {@link FakePost} to publish. */
public final class PostMessages {
  private PostMessages() {}

  public static Telemetry telemetry(FakePost post, Instant ts, Readings r) {
    return new Telemetry(post.id, ts, post.bootId, post.nextSeq(), r);
  }

  public static Event event(FakePost post, Instant ts, EventKind kind, Map<String, String> attributes) {
    return Event.of(post.id, ts, post.bootId, post.nextSeq(), kind, attributes);
  }

  public static Readings temperature(double c) {
    return new Readings(c, null, null, null, null, null, null, null, null, null, null);
  }

  public static Readings battery(double v) {
    return new Readings(null, null, v, true, null, null, null, null, null, null, null);
  }

  public static Readings mains(boolean present) {
    return new Readings(null, null, null, present, null, null, null, null, null, null, null);
  }

  public static Readings door(boolean open) {
    return new Readings(null, null, null, null, open, false, false, null, null, null, null);
  }
}
