package kuzet.hub.shelving;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One alert type shelved at one post: while it stands, that type is not raised there. {@code suppressed} counts
 * the raisings held back since the hub started (kept in memory only).
 */
public record Shelf(UUID id, String postId, String type, String shelvedBy, String reason, Instant shelvedAt,
                    Instant until, Instant endedAt, String endedBy, long suppressed) {

  public Shelf {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(postId, "postId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(until, "until");
  }

  public boolean standing() {
    return endedAt == null;
  }

  Shelf ended(Instant at, String by) {
    return new Shelf(id, postId, type, shelvedBy, reason, shelvedAt, until, at, by, suppressed);
  }

  Shelf heldBack() {
    return new Shelf(id, postId, type, shelvedBy, reason, shelvedAt, until, endedAt, endedBy, suppressed + 1);
  }

  String key() {
    return postId + "/" + type;
  }
}
