package kuzet.hub.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;

/** The live state of every known post. Only touched on the hub's event loop. */
public final class FleetState {
  /** In id order, for the lists; {@link #byId} answers the lookups of every message without comparing ids. */
  private final Map<PostId, PostState> posts = new TreeMap<>();
  private final Map<PostId, PostState> byId = new java.util.HashMap<>();
  private final int historySize;
  private final Duration heartbeatTimeout;
  private final Function<String, PostAlarms> alarms;
  private final PostConfigStatus.Source configs;

  /** {@code alarms} sums up the active alerts of a post id. */
  public FleetState(int historySize, Duration heartbeatTimeout, Function<String, PostAlarms> alarms) {
    this(historySize, heartbeatTimeout, alarms, (id, reported) -> null);
  }

  /** {@code configs} says what the hub wants each post's settings to be, against what the post reports. */
  public FleetState(int historySize, Duration heartbeatTimeout, Function<String, PostAlarms> alarms,
                    PostConfigStatus.Source configs) {
    this.historySize = historySize;
    this.heartbeatTimeout = heartbeatTimeout;
    this.alarms = alarms;
    this.configs = configs;
  }

  private boolean sequenceChecks = true;
  /** Null unless {@link #recordHeard}: only several active hubs tell each other what they heard. */
  private Map<PostId, Instant> heard;

  /** Off when this hub sees only a share of each post's messages (several active hubs): gaps would be everywhere. */
  public void checkSequences(boolean on) {
    this.sequenceChecks = on;
  }

  public void know(RegisteredPost post) {
    state(post);
  }

  private PostState state(RegisteredPost post) {
    PostState s = byId.get(post.id());
    if (s == null) {
      s = new PostState(post, historySize);
      posts.put(post.id(), s);
      byId.put(post.id(), s);
    }
    return s;
  }

  /** Result of applying one message: skipped sequence numbers and any presence change. */
  public record Applied(long sequenceGap, PresenceChange presence) {}

  /**
   * Whether to note when each post was heard, for {@link #drainHeard}: on while {@link SeenRelay} runs (several
   * active hubs); off on a single hub, where nothing would drain the notes.
   */
  public void recordHeard(boolean on) {
    heard = on ? new java.util.HashMap<>() : null;
  }

  /**
   * The posts this hub heard from since the last call, and when last: what other active hubs did not hear. Empty
   * unless {@link #recordHeard} is on.
   */
  public Map<PostId, Instant> drainHeard() {
    if (heard == null) {
      return Map.of();
    }
    Map<PostId, Instant> out = heard;
    heard = new java.util.HashMap<>();
    return out;
  }

  /**
   * Another active hub heard from the post at {@code at} (its share of the post's messages went there): the post is
   * not silent. Returns the presence change this makes (a post this hub had timed out is back), or null.
   */
  public PresenceChange heardElsewhere(PostId id, Instant at) {
    PostState s = byId.get(id);
    return s == null ? null : s.heardElsewhere(at);
  }

  public Applied apply(RegisteredPost post, PostMessage message, Instant now) {
    PostState s = state(post);
    if (heard != null && !(message instanceof kuzet.protocol.Death)) {
      heard.put(post.id(), now);
    }
    long gap = s.sequenceGap(message);
    if (!sequenceChecks) {
      gap = 0;
    }
    return new Applied(gap, s.apply(message, now));
  }

  /** Marks silent posts offline; returns what changed. */
  public List<PresenceChange> checkHeartbeats(Instant now) {
    List<PresenceChange> out = new ArrayList<>();
    for (PostState s : posts.values()) {
      PresenceChange c = s.checkHeartbeat(now, heartbeatTimeout);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  public Optional<RegisteredPost> post(PostId id) {
    return Optional.ofNullable(byId.get(id)).map(PostState::post);
  }

  public List<PostView> list() {
    return posts.values().stream().map(s -> view(s, false)).toList();
  }

  public Optional<PostView> detail(PostId id) {
    return Optional.ofNullable(byId.get(id)).map(s -> view(s, true));
  }

  public Optional<PostView> summary(PostId id) {
    return Optional.ofNullable(byId.get(id)).map(s -> view(s, false));
  }

  /** The CONFIG version the post last reported running, if it reported one. */
  public Optional<Long> configVersion(PostId id) {
    return Optional.ofNullable(byId.get(id)).map(PostState::configVersion);
  }

  private PostView view(PostState s, boolean detail) {
    PostId id = s.post().id();
    return s.view(alarms.apply(id.value()), configs.status(id, s.configVersion()), detail);
  }

  public Optional<PostStatus> status(PostId id) {
    return Optional.ofNullable(byId.get(id)).map(PostState::status);
  }
}
