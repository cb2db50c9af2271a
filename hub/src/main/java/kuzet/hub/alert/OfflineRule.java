package kuzet.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kuzet.hub.fleet.PresenceChange;
import kuzet.registry.RegisteredPost;

/**
 * POST_OFFLINE (MAJOR): opens once a post has been offline for the grace period, resolves itself once the
 * post has been back for the stable period. A post that flaps within the stable period keeps its one alert
 * open instead of producing a stream of open/resolve pairs. Every hub sees every presence change (status messages are
 * not shared), so every hub keeps the pending ones, and the one on duty opens and resolves: a hub that takes the duty
 * over knows which posts have been away and since when.
 */
public final class OfflineRule implements Rule {
  private final Duration grace;
  private final Duration stable;
  private final Map<String, Pending> offline = new HashMap<>();
  private final Map<String, Pending> returned = new HashMap<>();

  private record Pending(RegisteredPost post, Instant since, String reason) {}

  public OfflineRule(Duration grace, Duration stable) {
    this.grace = grace;
    this.stable = stable;
  }

  public static String key(String postId) {
    return AlertTypes.POST_OFFLINE + ":" + postId;
  }

  @Override
  public void onPresence(RegisteredPost post, PresenceChange change, RuleContext ctx) {
    String id = post.id().value();
    if (change.online()) {
      offline.remove(id);
      if (ctx.alerts().active(key(id)).isPresent()) {
        returned.put(id, new Pending(post, change.at(), change.reason()));
      }
    } else {
      returned.remove(id);
      if (ctx.alerts().active(key(id)).isEmpty()) {
        offline.putIfAbsent(id, new Pending(post, change.at(), change.reason()));
      }
    }
    onTick(ctx.clock().instant(), ctx);
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    if (!ctx.onDuty()) {
      return;
    }
    offline.values().removeIf(p -> {
      if (now.isBefore(p.since().plus(grace))) {
        return false;
      }
      ctx.alerts().open(AlertTypes.POST_OFFLINE, AlertCatalog.of(AlertTypes.POST_OFFLINE).priority(), p.post(), null, key(p.post().id().value()),
          "post offline since " + p.since() + " (" + p.reason() + ")", null);
      return true;
    });
    returned.values().removeIf(p -> {
      if (now.isBefore(p.since().plus(stable))) {
        return false;
      }
      ctx.alerts().active(key(p.post().id().value()))
          .ifPresent(a -> ctx.alerts().resolveBySystem(a, "post back online since " + p.since() + " (" + p.reason() + ")"));
      return true;
    });
  }
}
