package kuzet.hub.shelving;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kuzet.hub.testing.TestDatabases;
import kuzet.store.Database;
import kuzet.store.Dialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Shelves survive a restart until they end, on both engines (migration V6). */
@ExtendWith(VertxExtension.class)
class ShelfStoreTest {
  @TempDir
  Path dir;

  private Context ctx;

  @BeforeEach
  void context(Vertx vertx) { // the Vert.x is closed after each test by VertxExtension
    ctx = vertx.getOrCreateContext();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aStandingShelfIsLoadedBackAndAnEndedOneIsNot(Dialect dialect) throws Exception {
    Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
    Shelf lamp = new Shelf(UUID.randomUUID(), "alatau-001", "LAMP_FAULT", "duty1", "lamp ordered", t0,
        t0.plusSeconds(3600), null, null, 0);
    Shelf door = new Shelf(UUID.randomUUID(), "alatau-002", "DOOR_OPEN_UNATTENDED", "duty1", "lock broken, repair today",
        t0.plusSeconds(60), t0.plusSeconds(1800), null, null, 0);
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      ShelfStore store = new ShelfStore(db);
      store.insert(ctx, lamp).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      store.insert(ctx, door).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      store.end(ctx, door.ended(t0.plusSeconds(120), "duty2")).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);

      assertThat(store.standing()).containsExactly(lamp);
    }
  }
}
