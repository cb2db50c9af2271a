package kuzet.hub.update;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One release sent to a list of posts: the first {@code firstStage} posts first, the rest once all of those run it.
 * State RUNNING, DONE (every post finished) or HALTED (a first-stage post refused it or rolled back).
 */
public record Rollout(UUID id, String version, boolean allowDowngrade, int firstStage, String state, String startedBy,
                      Instant startedAt, List<PostUpdate> posts) {
  public static final String RUNNING = "RUNNING";
  public static final String DONE = "DONE";
  public static final String HALTED = "HALTED";

  public Rollout {
    posts = List.copyOf(posts);
  }

  Rollout with(String newState, List<PostUpdate> newPosts) {
    return new Rollout(id, version, allowDowngrade, firstStage, newState, startedBy, startedAt, newPosts);
  }
}
