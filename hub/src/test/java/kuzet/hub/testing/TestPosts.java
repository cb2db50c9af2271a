package kuzet.hub.testing;

import kuzet.store.StoreSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.registry.JdbcPostRegistry;
import kuzet.protocol.PostId;

/** Registers a numbered fleet ({@code prefix-0000}, {@code prefix-0001}, ...) in the hub's SQLite registry. */
public final class TestPosts {
  private TestPosts() {}

  public static PostId id(String prefix, int i) {
    return PostId.of(String.format(Locale.ROOT, "%s-%04d", prefix, i));
  }

  /** Writes {@code count} active posts into the registry at {@code databaseFile} (before the hub starts). */
  public static List<RegisteredPost> register(Path databaseFile, String prefix, int count) {
    return register(StoreSettings.sqlite(databaseFile), prefix, count);
  }

  /** Writes {@code count} active posts into the registry in {@code store} (before the hub starts). */
  public static List<RegisteredPost> register(StoreSettings store, String prefix, int count) {
    List<RegisteredPost> posts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      posts.add(new RegisteredPost(id(prefix, i), i % 5 == 0 ? PostType.DISTRICT_POINT : PostType.MODULAR_POST,
          "Post " + i, "District " + (i % 8), 43.20 + (i % 100) * 0.001, 76.85 + (i / 100) * 0.001,
          Instant.parse("2026-01-01T00:00:00Z"), null, null, null));
    }
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(store)) {
      registry.registerAll(posts);
    }
    return posts;
  }
}
