package kuzet.hub.fleet;

import io.vertx.core.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kuzet.protocol.PostId;
import kuzet.store.ChannelListener;
import kuzet.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each post was last heard, between active hubs ({@code store.hubs=active}): the broker gives each hub a share of
 * a post's messages, so on its own a hub would take a post whose telemetry went to the other hubs for silent, and
 * the hub on duty would open POST_OFFLINE for a healthy post. Every {@link #EVERY} each hub announces the posts it
 * heard from (one line "postId epochMillis" each, in notifications under PostgreSQL's 8,000-byte limit), and every
 * hub applies what the others heard ({@link FleetState#heardElsewhere}).
 */
public final class SeenRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeenRelay.class);
  static final String CHANNEL = "kuzet_posts_seen";
  public static final Duration EVERY = Duration.ofSeconds(2);
  static final int MAX_PAYLOAD = 7_000;

  private final ChannelListener listener;
  private final long timer;
  private final Context context;
  private final FleetState fleet;

  private SeenRelay(Context context, FleetState fleet, ChannelListener listener, long timer) {
    this.context = context;
    this.fleet = fleet;
    this.listener = listener;
    this.timer = timer;
  }

  /** @param presence told a post another hub heard that this hub had taken for silent (it is online again) */
  public static SeenRelay start(Context context, Database db, String hubId, FleetState fleet,
                                Consumer<PresenceChange> presence) {
    fleet.recordHeard(true);
    long timer = context.owner().setPeriodic(EVERY.toMillis(), t -> {
      for (String payload : payloads(hubId, fleet.drainHeard())) {
        db.call(context, c -> {
          db.dialect().notify(c, CHANNEL, payload);
          return null;
        }).onFailure(e -> LOG.warn("could not tell the other hubs which posts were heard: {}", e.toString()));
      }
    });
    ChannelListener listener = ChannelListener.start(db.settings(), "kuzet-hub-seen " + hubId, CHANNEL, () -> { },
        payloads -> context.runOnContext(v -> {
          for (String p : payloads) {
            apply(hubId, p, fleet, presence);
          }
        }));
    return new SeenRelay(context, fleet, listener, timer);
  }

  /** The announcements of what this hub heard: a first line with the hub's id, then one line per post. */
  static List<String> payloads(String hubId, Map<PostId, Instant> heard) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder(hubId);
    for (Map.Entry<PostId, Instant> e : heard.entrySet()) {
      String line = "\n" + e.getKey().value() + " " + e.getValue().toEpochMilli();
      if (b.length() + line.length() > MAX_PAYLOAD) {
        out.add(b.toString());
        b = new StringBuilder(hubId);
      }
      b.append(line);
    }
    if (b.length() > hubId.length()) {
      out.add(b.toString());
    }
    return out;
  }

  static void apply(String self, String payload, FleetState fleet, Consumer<PresenceChange> presence) {
    String[] lines = payload.split("\n");
    if (lines[0].equals(self)) {
      return;
    }
    for (int i = 1; i < lines.length; i++) {
      String[] parts = lines[i].split(" ");
      try {
        if (parts.length != 2 || !PostId.isValid(parts[0])) {
          throw new IllegalArgumentException("not 'postId epochMillis'");
        }
        PresenceChange c = fleet.heardElsewhere(new PostId(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
        if (c != null) {
          presence.accept(c);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored a line from hub {} about a post heard: {}", kuzet.hub.logging.LogText.clean(lines[0]),
            e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    context.owner().cancelTimer(timer);
    context.runOnContext(v -> fleet.recordHeard(false));
    if (listener != null) {
      listener.close();
    }
  }
}
