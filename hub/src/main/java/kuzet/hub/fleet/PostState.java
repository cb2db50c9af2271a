package kuzet.hub.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Birth;
import kuzet.protocol.Death;
import kuzet.protocol.Event;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/**
 * What the hub knows about one post. Only touched on the hub's event loop. Presence follows the
 * boot-id rule: a Death counts only for the boot that is current, so a late Will from an earlier
 * connection cannot mark a post offline that has come back.
 */
final class PostState {
  static final int EVENTS_KEPT = 50;

  private final RegisteredPost post;
  private final Map<String, ReadingHistory> history = new LinkedHashMap<>();
  // the same three, held for record(): it runs for every telemetry message
  private final ReadingHistory temperature;
  private final ReadingHistory humidity;
  private final ReadingHistory battery;
  private final Deque<PostView.EventView> events = new ArrayDeque<>();
  private PostStatus status = PostStatus.UNKNOWN;
  private String bootId;
  private Instant bootTs;
  private boolean deathSeen;
  private Instant lastSeen;
  private String agentVersion;
  private Boolean hubReachable;
  private Readings readings;
  private long lastSeq = -1;
  private Long configVersion;

  PostState(RegisteredPost post, int historySize) {
    this.post = post;
    temperature = new ReadingHistory(historySize);
    humidity = new ReadingHistory(historySize);
    battery = new ReadingHistory(historySize);
    history.put("temperatureC", temperature);
    history.put("humidityPct", humidity);
    history.put("batteryV", battery);
  }

  RegisteredPost post() {
    return post;
  }

  PostStatus status() {
    return status;
  }

  /** Number of sequence numbers skipped by this message (0 when none or when it starts a new boot). */
  long sequenceGap(PostMessage m) {
    if (!m.bootId().equals(bootId) || lastSeq < 0) {
      lastSeq = Math.max(lastSeq, m.seq());
      return 0;
    }
    long gap = m.seq() > lastSeq + 1 ? m.seq() - lastSeq - 1 : 0;
    lastSeq = Math.max(lastSeq, m.seq());
    return gap;
  }

  /** Applies a message; returns the presence change it causes, or null. */
  PresenceChange apply(PostMessage m, Instant now) {
    if (m instanceof Birth b) {
      return birth(b, now);
    }
    if (m instanceof Death d) {
      return death(d, now);
    }
    return activity(m, now);
  }

  private PresenceChange birth(Birth b, Instant now) {
    if (bootTs != null && b.ts().isBefore(bootTs) && !b.bootId().equals(bootId)) {
      return null; // a retained birth of an earlier boot
    }
    boolean newBoot = !b.bootId().equals(bootId);
    bootId = b.bootId();
    bootTs = b.ts();
    agentVersion = b.agentVersion();
    hubReachable = b.hubReachable();
    if (b.configVersion() != null) {
      configVersion = b.configVersion();
    }
    lastSeen = now;
    if (newBoot) {
      lastSeq = b.seq();
    }
    deathSeen = false;
    return goOnline(now, "birth");
  }

  private PresenceChange death(Death d, Instant now) {
    if (bootId != null && !d.bootId().equals(bootId)) {
      return null; // the stale death of an earlier boot
    }
    bootId = d.bootId();
    deathSeen = true;
    if (status == PostStatus.OFFLINE) {
      return null;
    }
    status = PostStatus.OFFLINE;
    return new PresenceChange(post.id(), false, d.reason() == Death.Reason.WILL ? "will" : "shutdown", now);
  }

  private PresenceChange activity(PostMessage m, Instant now) {
    if (m instanceof Telemetry t) {
      record(t);
    } else if (m instanceof Event e) {
      record(e);
    }
    if (deathSeen && m.bootId().equals(bootId)) {
      return null; // a late message from the connection that already died
    }
    lastSeen = now;
    if (!m.bootId().equals(bootId)) {
      bootId = m.bootId();
      deathSeen = false;
    }
    return goOnline(now, "message");
  }

  private PresenceChange goOnline(Instant now, String reason) {
    if (status == PostStatus.ONLINE) {
      return null;
    }
    status = PostStatus.ONLINE;
    return new PresenceChange(post.id(), true, reason, now);
  }

  /** Another active hub heard the post at {@code at}; a post whose Will was seen comes back only by its birth. */
  PresenceChange heardElsewhere(Instant at) {
    if (lastSeen == null || at.isAfter(lastSeen)) {
      lastSeen = at;
    }
    return deathSeen ? null : goOnline(at, "heard by another hub");
  }

  /** Marks the post offline when it has been silent past the timeout. */
  PresenceChange checkHeartbeat(Instant now, Duration timeout) {
    if (status == PostStatus.ONLINE && lastSeen != null && lastSeen.plus(timeout).isBefore(now)) {
      status = PostStatus.OFFLINE;
      return new PresenceChange(post.id(), false, "no message for " + timeout.toSeconds() + " s", now);
    }
    return null;
  }

  private void record(Telemetry t) {
    readings = t.readings();
    if (t.configVersion() != null) {
      configVersion = t.configVersion();
    }
    Readings r = t.readings();
    if (r.temperatureC() != null) {
      temperature.add(t.ts(), r.temperatureC());
    }
    if (r.humidityPct() != null) {
      humidity.add(t.ts(), r.humidityPct());
    }
    if (r.batteryV() != null) {
      battery.add(t.ts(), r.batteryV());
    }
  }

  private void record(Event e) {
    String id = e.eventId().toString();
    if (events.stream().anyMatch(v -> v.eventId().equals(id))) {
      return;
    }
    events.addFirst(new PostView.EventView(e.ts(), e.kind().name(), id, e.attributes()));
    while (events.size() > EVENTS_KEPT) {
      events.removeLast();
    }
  }

  Long configVersion() {
    return configVersion;
  }

  PostView view(PostAlarms alarms, PostConfigStatus config, boolean detail) {
    Map<String, List<List<Object>>> h = null;
    List<PostView.EventView> ev = null;
    if (detail) {
      h = new LinkedHashMap<>();
      for (var e : history.entrySet()) {
        h.put(e.getKey(), e.getValue().points());
      }
      ev = new ArrayList<>(events);
    }
    return new PostView(post.id().value(), post.name(), post.district(), post.type().id(), post.latitude(),
        post.longitude(), status, lastSeen, agentVersion, bootId, hubReachable, readings, alarms.open(), alarms.priority() != null,
        alarms.priority(), configVersion, config, h, ev);
  }
}
