package kuzet.hub.alert.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kuzet.protocol.PostId;
import kuzet.protocol.PostSetting.Window;
import kuzet.registry.RegisteredPost;

/**
 * Whether a post is staffed: an operator's mark wins while it is set; otherwise the post's schedule decides, which is
 * the one an admin set centrally for it ({@code alerts.staffedHours} in its desired settings) over the hub's config
 * ({@code rules.<post>.staffedHours}, {@code rules.<type>.staffedHours}, {@code alerts.staffedHours}). Lives on the
 * hub's event loop.
 */
public final class Staffing {
  private final RuleSettingsResolver settings;
  private final Function<PostId, Optional<Window>> central;
  private final Map<String, Boolean> marks = new HashMap<>();

  /** {@code central}: the staffed hours an admin set for a post, if any (a function, so rules need not know where). */
  public Staffing(RuleSettingsResolver settings, Function<PostId, Optional<Window>> central) {
    this.settings = settings;
    this.central = central;
  }

  /** {@code staffed} null clears the operator's mark, so the schedule decides again. */
  public void mark(String postId, Boolean staffed) {
    if (staffed == null) {
      marks.remove(postId);
    } else {
      marks.put(postId, staffed);
    }
  }

  public Optional<Boolean> mark(String postId) {
    return Optional.ofNullable(marks.get(postId));
  }

  public boolean staffed(RegisteredPost post, Instant at) {
    Boolean m = marks.get(post.id().value());
    return m != null ? m : schedule(post).covers(at);
  }

  /** The post's schedule: the centrally set one, else the hub's config. */
  public StaffedHours schedule(RegisteredPost post) {
    return central.apply(post.id()).map(w -> new StaffedHours(w, settings.zone()))
        .orElseGet(() -> settings.forPost(post).staffedHours());
  }
}
