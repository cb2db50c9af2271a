package kuzet.hub.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import kuzet.hub.fleet.PresenceChange;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hub's own upkeep of post_days from presence, telemetry and events, split at midnight, on both databases. */
class RollupKeeperTest {
  static final PostId ID = PostId.of("alatau-001");
  static final RegisteredPost POST = new RegisteredPost(ID, PostType.MODULAR_POST, "Uzhet", "Alatau", 43.2, 76.9,
      Instant.EPOCH, null, null, null);
  /** 20:00 on 2026-11-20 in Almaty (UTC+5). */
  static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void presenceLightsMainsAndEventsAddUpPerDayAcrossMidnight(Dialect dialect) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      RollupKeeper keeper = new RollupKeeper(vertx.getOrCreateContext(), db, new Nights(ZoneOffset.ofHours(5)));
      keeper.onPresence(POST, new PresenceChange(ID, true, "birth", T0), null);
      keeper.onMessage(POST, telemetry(T0.plusSeconds(60), true, true), null);
      Event selfTest = Event.of(ID, T0.plusSeconds(120), "b1", 3, EventKind.SELF_TEST_RESULT, Map.of("passed", "false"));
      keeper.onMessage(POST, selfTest, null);
      keeper.onMessage(POST, selfTest, null); // redelivered: counted once
      keeper.onMessage(POST, Event.of(ID, T0.plusSeconds(3_600), "b1", 4, EventKind.MAINS_LOST, Map.of()), null);
      keeper.onMessage(POST, telemetry(T0.plusSeconds(3_700), true, false), null); // still out: one outage
      keeper.onMessage(POST, Event.of(ID, T0.plusSeconds(7_200), "b1", 5, EventKind.MAINS_RESTORED, Map.of()), null);
      keeper.onMessage(POST, Event.of(ID, T0.plusSeconds(7_300), "b1", 6, EventKind.TAMPER, Map.of()), null);
      // 20:00 + 5 h = 01:00 the next day: the spans still open are split at midnight
      keeper.onPresence(POST, new PresenceChange(ID, false, "will", T0.plusSeconds(5 * 3_600)), null);
      keeper.flush(T0.plusSeconds(6 * 3_600));

      await().untilAsserted(() -> assertThat(row(db, "2026-11-21")).isNotNull());
      Map<String, Long> first = row(db, "2026-11-20");
      assertThat(first).containsEntry("online_s", 4 * 3_600L).containsEntry("lit_s", 4 * 3_600L - 60)
          .containsEntry("night_lit_s", 4 * 3_600L - 60).containsEntry("mains_out_s", 3_600L)
          .containsEntry("mains_outages", 1L).containsEntry("self_tests_failed", 1L).containsEntry("tamper", 1L);
      Map<String, Long> second = row(db, "2026-11-21");
      assertThat(second).containsEntry("online_s", 3_600L).containsEntry("lit_s", 3_600L)
          .containsEntry("mains_outages", 0L).containsEntry("self_tests_failed", 0L);
      assertThat(second.get("night_s")).isBetween(13 * 3_600L, 16 * 3_600L);
    } finally {
      vertx.close();
    }
  }

  private static Telemetry telemetry(Instant at, boolean lit, boolean mains) {
    Readings r = new Readings(null, null, null, mains, null, null, null, lit, null, null, null);
    return new Telemetry(ID, at, "b1", 1, r);
  }

  private static Map<String, Long> row(Database db, String day) {
    return db.callAndWait(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM post_days WHERE post_id = ? AND day = ?")) {
        ps.setString(1, ID.value());
        ps.setString(2, day);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          Map<String, Long> out = new java.util.TreeMap<>();
          for (int i = 3; i <= rs.getMetaData().getColumnCount(); i++) {
            out.put(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT), rs.getLong(i));
          }
          return out;
        }
      }
    });
  }
}
