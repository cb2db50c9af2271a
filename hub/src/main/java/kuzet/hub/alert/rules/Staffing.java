package kuzet.hub.alert.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kuzet.registry.RegisteredPost;

/**
 * Whether a post is staffed: an operator's mark wins while it is set; otherwise the post's schedule
 * ({@code alerts.staffedHours}) decides. Lives on the hub's event loop.
 */
public final class Staffing {
  private final RuleSettingsResolver settings;
  private final Map<String, Boolean> marks = new HashMap<>();

  public Staffing(RuleSettingsResolver settings) {
    this.settings = settings;
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
    return m != null ? m : settings.forPost(post).staffedHours().covers(at);
  }
}
