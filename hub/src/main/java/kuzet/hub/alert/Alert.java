package kuzet.hub.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One alert, as the API shows it. Immutable: every change makes a new copy with one more history line.
 *
 * @param dedupKey what makes two raisings the same alert while it is not resolved ("PANIC:{incidentId}",
 *     "POST_OFFLINE:{postId}"); internal, not part of the API, so it is null only while being read back
 *     from its JSON document (the store sets it from its own column)
 */
public record Alert(
    UUID id,
    String type,
    Severity severity,
    AlertState state,
    String postId,
    String postName,
    String district,
    UUID incidentId,
    Instant openedAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant dispatchedAt,
    String dispatchedBy,
    Instant resolvedAt,
    String resolvedBy,
    String note,
    int repeats,
    int escalationLevel,
    String groupId,
    int groupSize,
    List<HistoryEntry> history,
    @JsonIgnore String dedupKey) {

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** One line of an alert's history. */
  public record HistoryEntry(Instant at, AlertAction action, String by, String detail) {
    public HistoryEntry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(by, "by");
    }
  }

  public Alert {
    Objects.requireNonNull(id, "id");
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("alert type '" + type + "' must be upper-case letters, digits and '_'");
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(postId, "postId");
    Objects.requireNonNull(openedAt, "openedAt");
    history = List.copyOf(history);
  }

  public static Alert open(String type, Severity severity, String postId, String postName, String district,
                           UUID incidentId, String dedupKey, Instant at, String detail) {
    return new Alert(UUID.randomUUID(), type, severity, AlertState.OPEN, postId, postName, district, incidentId, at,
        null, null, null, null, null, null, null, 0, 0, null, 0,
        List.of(new HistoryEntry(at, AlertAction.OPENED, "system", detail)), dedupKey);
  }

  @JsonIgnore
  public boolean active() {
    return state != AlertState.RESOLVED;
  }

  /** A copy with one more history line and nothing else changed. */
  public Alert log(Instant at, AlertAction action, String by, String detail) {
    return with(state, acknowledgedAt, acknowledgedBy, dispatchedAt, dispatchedBy, resolvedAt, resolvedBy, note,
        repeats, new HistoryEntry(at, action, by, detail));
  }

  public Alert repeated(Instant at, String detail) {
    return repeated(at, detail, 1);
  }

  /** pressOrdinal: the post's count of repeat presses so far, which may be ahead of the copies the hub received. */
  public Alert repeated(Instant at, String detail, int pressOrdinal) {
    return with(state, acknowledgedAt, acknowledgedBy, dispatchedAt, dispatchedBy, resolvedAt, resolvedBy, note,
        Math.max(repeats + 1, pressOrdinal), new HistoryEntry(at, AlertAction.REPEAT, "system", detail));
  }

  /**
   * Cleared by the system and back within the chatter window: the same alert again, one more in its count,
   * instead of a new card. An acknowledgement already given stands (the operator knows about it).
   */
  public Alert reopened(Instant at, String detail) {
    if (state != AlertState.RESOLVED) {
      throw new AlertConflictException("alert " + id + " is not resolved, so it cannot reopen");
    }
    AlertState s = acknowledgedAt == null ? AlertState.OPEN : AlertState.ACKNOWLEDGED;
    return with(s, acknowledgedAt, acknowledgedBy, dispatchedAt, dispatchedBy, null, null, note, repeats + 1,
        new HistoryEntry(at, AlertAction.REPEAT, "system", detail));
  }

  public Alert acknowledged(Instant at, String by, String newNote) {
    requireActive("acknowledge");
    if (state == AlertState.ACKNOWLEDGED) {
      throw new AlertConflictException("alert " + id + " is already acknowledged by " + acknowledgedBy);
    }
    return with(AlertState.ACKNOWLEDGED, at, by, dispatchedAt, dispatchedBy, null, null, noteOr(newNote), repeats,
        new HistoryEntry(at, AlertAction.ACKNOWLEDGED, by, newNote));
  }

  /** Dispatching implies acknowledging, so an operator who sends a unit straight away needs one click. */
  public Alert dispatched(Instant at, String by, String newNote) {
    requireActive("dispatch");
    Instant ackAt = acknowledgedAt == null ? at : acknowledgedAt;
    String ackBy = acknowledgedBy == null ? by : acknowledgedBy;
    return with(AlertState.ACKNOWLEDGED, ackAt, ackBy, at, by, null, null, noteOr(newNote), repeats,
        new HistoryEntry(at, AlertAction.DISPATCHED, by, newNote));
  }

  public Alert resolved(Instant at, String by, String resolutionNote) {
    requireActive("resolve");
    return with(AlertState.RESOLVED, acknowledgedAt, acknowledgedBy, dispatchedAt, dispatchedBy, at, by,
        resolutionNote, repeats, new HistoryEntry(at, AlertAction.RESOLVED, by, resolutionNote));
  }

  /** A copy at escalation step {@code level} (how many steps of its chain have been notified). */
  public Alert escalatedTo(int level) {
    return new Alert(id, type, severity, state, postId, postName, district, incidentId, openedAt, acknowledgedAt,
        acknowledgedBy, dispatchedAt, dispatchedBy, resolvedAt, resolvedBy, note, repeats, level, groupId, groupSize,
        history, dedupKey);
  }

  /** A copy in group {@code group} (the leader's id) of {@code size} posts; the leader carries the size. */
  public Alert grouped(String group, int size) {
    return new Alert(id, type, severity, state, postId, postName, district, incidentId, openedAt, acknowledgedAt,
        acknowledgedBy, dispatchedAt, dispatchedBy, resolvedAt, resolvedBy, note, repeats, escalationLevel, group, size,
        history, dedupKey);
  }

  /**
   * This alert and another copy of it (the same id), changed by different hubs, as one: nothing either hub did is
   * lost. Every history line of both is kept; the state is the one furthest along, where a copy reopened after a
   * resolution (chattering) is further along than the resolved one; counters take the larger. The merge is
   * commutative, associative and idempotent, so hubs that merge in any order end on the same alert.
   */
  public Alert merge(Alert other) {
    if (!id.equals(other.id)) {
      throw new IllegalArgumentException("cannot merge alert " + id + " with another alert " + other.id);
    }
    if (equals(other)) {
      return this;
    }
    Alert lead = progress(this).compareTo(progress(other)) >= 0 ? this : other;
    Alert rest = lead == this ? other : this;
    boolean sameLife = lifeOf(rest) == lifeOf(lead);
    Instant ackAt = lead.acknowledgedAt;
    String ackBy = lead.acknowledgedBy;
    if (sameLife && rest.acknowledgedAt != null && (ackAt == null || rest.acknowledgedAt.isBefore(ackAt)
        || rest.acknowledgedAt.equals(ackAt) && rest.acknowledgedBy.compareTo(ackBy) < 0)) {
      ackAt = rest.acknowledgedAt;
      ackBy = rest.acknowledgedBy;
    }
    Instant dispAt = lead.dispatchedAt;
    String dispBy = lead.dispatchedBy;
    if (sameLife && rest.dispatchedAt != null && (dispAt == null || rest.dispatchedAt.isBefore(dispAt)
        || rest.dispatchedAt.equals(dispAt) && rest.dispatchedBy.compareTo(dispBy) < 0)) {
      dispAt = rest.dispatchedAt;
      dispBy = rest.dispatchedBy;
    }
    List<HistoryEntry> lines = unionOfLines(history, other.history);
    boolean lateGroup = groupId == null || other.groupId != null && other.groupId.compareTo(groupId) < 0;
    Alert grouping = lateGroup ? other : this;
    return new Alert(id, type, severity, lead.state, postId, postName, district, incidentId, openedAt, ackAt, ackBy,
        dispAt, dispBy, lead.resolvedAt, lead.resolvedBy, lead.note, Math.max(repeats, other.repeats),
        Math.max(escalationLevel, other.escalationLevel), grouping.groupId, Math.max(groupSize, other.groupSize),
        lines, dedupKey != null ? dedupKey : other.dedupKey);
  }

  /**
   * Both copies' lines, each as many times as the copy with more of it has it: one copy may hold two identical
   * lines (resolved, reopened and resolved again within one second by the same operator), and folding those into one
   * would make the merged copy look a life younger than the copy it came from, so merging again would change it.
   */
  private static List<HistoryEntry> unionOfLines(List<HistoryEntry> mine, List<HistoryEntry> theirs) {
    SortedMap<HistoryEntry, Integer> counts = new TreeMap<>(HISTORY_ORDER);
    Map<HistoryEntry, Integer> theirCounts = new TreeMap<>(HISTORY_ORDER);
    for (HistoryEntry e : mine) {
      counts.merge(e, 1, Integer::sum);
    }
    for (HistoryEntry e : theirs) {
      theirCounts.merge(e, 1, Integer::sum);
    }
    theirCounts.forEach((e, n) -> counts.merge(e, n, Math::max));
    List<HistoryEntry> lines = new ArrayList<>();
    counts.forEach((e, n) -> lines.addAll(Collections.nCopies(n, e)));
    return List.copyOf(lines);
  }

  /** History in time order; lines at the same instant in a fixed order, so both hubs list them alike. */
  private static final Comparator<HistoryEntry> HISTORY_ORDER = Comparator
      .comparing(HistoryEntry::at).thenComparing(HistoryEntry::action).thenComparing(HistoryEntry::by)
      .thenComparing(HistoryEntry::detail, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** How far along a copy is: its life (reopenings), then its state, then when its state last changed. */
  private static Progress progress(Alert a) {
    int rank = switch (a.state) {
      case OPEN -> 0;
      case ACKNOWLEDGED -> a.dispatchedAt == null ? 1 : 2;
      case RESOLVED -> 3;
    };
    Instant last = a.openedAt;
    for (HistoryEntry e : a.history) {
      if (e.action() != AlertAction.OPENED && e.action() != AlertAction.REPEAT && e.action() != AlertAction.ACKNOWLEDGED
          && e.action() != AlertAction.DISPATCHED && e.action() != AlertAction.RESOLVED) {
        continue;
      }
      if (e.at().isAfter(last)) {
        last = e.at();
      }
    }
    return new Progress(lifeOf(a), rank, last, a.history.size(), a.note == null ? "" : a.note,
        a.resolvedBy == null ? "" : a.resolvedBy);
  }

  /** Each reopening follows a resolution, so the resolutions in the history count the lives. */
  private static int lifeOf(Alert a) {
    int resolutions = (int) a.history.stream().filter(e -> e.action() == AlertAction.RESOLVED).count();
    return a.state == AlertState.RESOLVED ? Math.max(0, resolutions - 1) : resolutions;
  }

  private record Progress(int life, int rank, Instant last, int lines, String note, String resolvedBy)
      implements Comparable<Progress> {
    @Override
    public int compareTo(Progress o) {
      return Comparator.comparingInt(Progress::life).thenComparingInt(Progress::rank)
          .thenComparing(Progress::last).thenComparingInt(Progress::lines).thenComparing(Progress::note)
          .thenComparing(Progress::resolvedBy).compare(this, o);
    }
  }

  /** Folded into another alert's group: the board shows the group's leader instead. */
  @JsonIgnore
  public boolean folded() {
    return groupId != null && !groupId.equals(id.toString());
  }

  private void requireActive(String what) {
    if (state == AlertState.RESOLVED) {
      throw new AlertConflictException("cannot " + what + " alert " + id + ": it is already resolved");
    }
  }

  private String noteOr(String newNote) {
    return newNote == null ? note : newNote;
  }

  private Alert with(AlertState s, Instant ackAt, String ackBy, Instant dispAt, String dispBy, Instant resAt,
                     String resBy, String n, int reps, HistoryEntry entry) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(entry);
    return new Alert(id, type, severity, s, postId, postName, district, incidentId, openedAt, ackAt, ackBy, dispAt,
        dispBy, resAt, resBy, n, reps, escalationLevel, groupId, groupSize, h, dedupKey);
  }
}
