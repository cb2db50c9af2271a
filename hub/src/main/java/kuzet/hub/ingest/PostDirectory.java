package kuzet.hub.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kuzet.registry.PostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.protocol.PilotFleet;
import kuzet.protocol.PostId;

/**
 * Ingest's view of the registry: registered posts cached in memory, misses looked up on the database
 * thread (a post registered a moment ago must not have its PANIC dropped), and unknown ids remembered
 * for a while so a flood from an unknown client does not turn into a flood of queries.
 * In demo mode an unknown post is registered on its first message.
 */
final class PostDirectory {
  static final Duration NEGATIVE_TTL = Duration.ofSeconds(10);

  private final Context context;
  private final Database db;
  private final PostRegistry registry;
  private final boolean autoRegister;
  private final Clock clock;
  private final Map<PostId, RegisteredPost> known = new HashMap<>();
  private final Map<PostId, Instant> unknownUntil = new HashMap<>();

  PostDirectory(Context context, Database db, PostRegistry registry, boolean autoRegister, Clock clock) {
    this.context = context;
    this.db = db;
    this.registry = registry;
    this.autoRegister = autoRegister;
    this.clock = clock;
  }

  void preload(Iterable<RegisteredPost> posts) {
    posts.forEach(p -> known.put(p.id(), p));
  }

  /** The cached post, if known; empty means "ask {@link #lookup}" unless {@link #recentlyUnknown} says not to. */
  Optional<RegisteredPost> cached(PostId id) {
    return Optional.ofNullable(known.get(id));
  }

  boolean recentlyUnknown(PostId id) {
    Instant until = unknownUntil.get(id);
    if (until == null) {
      return false;
    }
    if (clock.instant().isAfter(until)) {
      unknownUntil.remove(id);
      return false;
    }
    return true;
  }

  /** Looks the post up in the registry (registering it in demo mode); empty when it is not registered. */
  Future<Optional<RegisteredPost>> lookup(PostId id) {
    return db.call(context, c -> {
      Optional<RegisteredPost> found = registry.find(id);
      if (found.isEmpty() && autoRegister) {
        RegisteredPost p = demoPost(id, clock.instant());
        registry.register(p);
        return Optional.of(p);
      }
      return found;
    }).map(found -> {
      found.ifPresentOrElse(p -> known.put(id, p), () -> unknownUntil.put(id, clock.instant().plus(NEGATIVE_TTL)));
      return found;
    });
  }

  /**
   * Reloads every registration, so a post revoked with the provisioning CLI while the hub runs has its
   * messages refused within one refresh, even on a broker that still lets it in.
   */
  Future<Void> refresh() {
    return db.call(context, c -> registry.all()).map(all -> {
      known.clear();
      all.forEach(p -> known.put(p.id(), p));
      return null;
    });
  }

  /**
   * A demo registration: a post of the pilot fleet under its name, district and place ({@link PilotFleet});
   * any other id somewhere in Alatau district, placed by a generator seeded with its id (ids that differ only in
   * their last digits must not land on one line).
   */
  static RegisteredPost demoPost(PostId id, Instant at) {
    return PilotFleet.find(id)
        .map(p -> new RegisteredPost(id, PostType.fromId(p.type()), p.name(), p.district(), p.latitude(), p.longitude(),
            at, null, null, null))
        .orElseGet(() -> {
          java.util.Random spread = new java.util.Random(id.value().hashCode());
          return new RegisteredPost(id, PostType.MODULAR_POST, "Post " + id.value(), "Алатауский",
              43.24 + spread.nextDouble() * 0.08, 76.80 + spread.nextDouble() * 0.10, at, null, null, null);
        });
  }
}
