package kuzet.hub.update;

import java.time.Instant;

/** One post's line in a rollout: its stage, state, and the reason a post gave for refusing or rolling back. */
public record PostUpdate(String postId, int stage, UpdateState state, String reason, String detail, Instant updatedAt) {
  PostUpdate to(UpdateState next, String why, String what, Instant at) {
    return new PostUpdate(postId, stage, next, why, what, at);
  }
}
