package kuzet.agent.reporting;

import java.util.Map;
import java.util.UUID;
import kuzet.agent.link.Identity;
import kuzet.agent.outbox.Outbox;
import kuzet.agent.outbox.Priority;
import kuzet.protocol.CommandAck;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/** Builds the post's outgoing messages and writes them to the outbox; nothing leaves the post any other way. */
public final class Events {
  private final Identity id;
  private final ProtocolCodec codec;
  private final Outbox outbox;
  private final Faults faults = new Faults();
  /** The last PANIC and PANIC_REPEAT stored (only the current incident's slots matter). */
  private final Map<EventKind, Event> inSlot = new java.util.concurrent.ConcurrentHashMap<>();

  public Events(Identity id, ProtocolCodec codec, Outbox outbox) {
    this.id = id;
    this.codec = codec;
    this.outbox = outbox;
  }

  /** The post's current faults, which every telemetry sample carries. */
  public Faults faults() {
    return faults;
  }

  public Event emit(EventKind kind, Map<String, String> attributes) {
    return store(new Event(id.postId(), id.now(), id.bootId(), id.nextSeq(), UUID.randomUUID(), kind, null, attributes));
  }

  /**
   * PANIC or PANIC_REPEAT: goes ahead of any backlog, in the incident's one outbox slot per kind: while an earlier copy
   * still waits there it is rewritten in place, so an incident is at most two rows however long the post is offline.
   */
  public Event panic(EventKind kind, UUID incidentId, Map<String, String> attributes) {
    // a copy that replaces one still waiting takes over its seq: the replaced copy is never published
    Event waiting = inSlot.get(kind);
    long seq = waiting != null && waiting.incidentId().equals(incidentId) && outbox.holds(slot(kind, incidentId))
        ? waiting.seq() : id.nextSeq();
    return store(new Event(id.postId(), id.now(), id.bootId(), seq, UUID.randomUUID(), kind, incidentId, attributes));
  }

  private static String slot(EventKind kind, UUID incidentId) {
    return kind + ":" + incidentId;
  }

  /** Stores an already built event again (same eventId and seq): a retry the hub will deduplicate. */
  public Event store(Event e) {
    if (e.kind().belongsToIncident()) {
      inSlot.put(e.kind(), e);
      outbox.put(slot(e.kind(), e.incidentId()), Priority.PANIC, e.kind().name(), codec.topicFor(e), codec.encode(e));
    } else {
      outbox.append(Priority.EVENT, e.kind().name(), codec.topicFor(e), codec.encode(e));
    }
    return e;
  }

  public void ack(UUID commandId, String error, Map<String, String> detail) {
    CommandAck a = new CommandAck(id.postId(), id.now(), id.bootId(), id.nextSeq(), commandId, error == null, error, detail);
    outbox.append(Priority.EVENT, "COMMAND_ACK", codec.topicFor(a), codec.encode(a));
  }

  public void telemetry(Readings r) {
    Telemetry t = new Telemetry(id.postId(), id.now(), id.bootId(), id.nextSeq(), r, faults.names(),
        id.configVersion());
    outbox.append(Priority.TELEMETRY, "TELEMETRY", codec.topicFor(t), codec.encode(t));
  }

  /** Rows dropped for lack of room, by kind, since the outbox was created. */
  public Map<String, Long> purged() {
    return outbox.purged();
  }

  public int backlog() {
    return outbox.depth();
  }
}
