package kuzet.hub.alert.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Birth;
import kuzet.protocol.PostMessage;

/**
 * SEQUENCE_GAP (MINOR): more than {@code sequenceGapMax} sequence numbers of one boot of a post never
 * arrived. Late (replayed) messages fill their holes first, so a reordering is not a loss. Once reported,
 * the holes are forgotten; the alert clears after the hold time without new losses.
 */
final class SequenceGapRule extends ConditionRule {
  static final int HOLES_KEPT = 100_000;

  private static final class Boot {
    final String bootId;
    long highest = -1;
    final TreeSet<Long> holes = new TreeSet<>();

    Boot(String bootId) {
      this.bootId = bootId;
    }
  }

  private final Map<String, Boot> boots = new HashMap<>();

  SequenceGapRule(RuleSettingsResolver settings) {
    super(AlertingTypes.SEQUENCE_GAP, true, settings);
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    String bootId = bootId(m);
    if (bootId == null) {
      return List.of();
    }
    Boot b = boots.get(post.id().value());
    if (b == null || !b.bootId.equals(bootId)) {
      b = new Boot(bootId);
      boots.put(post.id().value(), b);
    }
    long seq = seq(m);
    boolean newHoles = false;
    if (b.highest >= 0 && seq > b.highest + 1) {
      for (long missing = b.highest + 1; missing < seq && b.holes.size() < HOLES_KEPT; missing++) {
        b.holes.add(missing);
      }
      newHoles = true;
    } else if (seq < b.highest) {
      b.holes.remove(seq);
    }
    b.highest = Math.max(b.highest, seq);
    if (b.holes.size() > s.sequenceGapMax()) {
      int lost = b.holes.size();
      String detail = lost + " messages missing from boot " + bootId + " (seq " + b.holes.first() + " to "
          + b.holes.last() + ")";
      b.holes.clear();
      return List.of(Reading.bad(detail));
    }
    return List.of(newHoles ? Reading.hold() : Reading.good());
  }

  private static String bootId(PostMessage m) {
    if (m instanceof kuzet.protocol.Telemetry t) {
      return t.bootId();
    }
    if (m instanceof kuzet.protocol.Event e) {
      return e.bootId();
    }
    return m instanceof Birth b ? b.bootId() : null;
  }

  private static long seq(PostMessage m) {
    if (m instanceof kuzet.protocol.Telemetry t) {
      return t.seq();
    }
    if (m instanceof kuzet.protocol.Event e) {
      return e.seq();
    }
    return m instanceof Birth b ? b.seq() : 0;
  }
}
