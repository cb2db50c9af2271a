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
 * arrived. Late (replayed) messages fill their holes first, so a reordering is not a loss: holes are judged when
 * a TELEMETRY arrives, and only those below its number (see below). Once reported, those holes are forgotten; the alert clears after the hold time without new losses. Counted as docs/protocol.md
 * says: TELEMETRY, EVENT and COMMAND_ACK spend numbers; a BIRTH only says which boot is speaking (it and DEATH carry
 * the last number spent, and a birth published ahead of a backlog must not open holes the backlog will fill).
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
    if (m instanceof Birth) {
      return List.of();
    }
    long seq = m.seq();
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
    // a post sends telemetry only once no PANIC, event or ack is waiting in its outbox, so a number below a telemetry's
    // that has not arrived by then never will; before that, an event that overtook older messages only opened holes
    boolean holesBelow = m instanceof kuzet.protocol.Telemetry && !b.holes.isEmpty() && b.holes.first() < seq;
    java.util.SortedSet<Long> lost = holesBelow ? b.holes.headSet(seq) : java.util.Collections.emptySortedSet();
    if (holesBelow && lost.size() > s.sequenceGapMax()) { // a view's size() counts: only when there are holes
      String detail = lost.size() + " messages missing from boot " + bootId + " (seq " + lost.first() + " to "
          + lost.last() + ")";
      lost.clear();
      return List.of(Reading.bad(detail));
    }
    return List.of(newHoles ? Reading.hold() : Reading.good());
  }

  private static String bootId(PostMessage m) {
    return m instanceof kuzet.protocol.Telemetry || m instanceof kuzet.protocol.Event
        || m instanceof kuzet.protocol.CommandAck || m instanceof Birth ? m.bootId() : null;
  }
}
